/// The names of the table's laws, full and short, with and without 中华人民共和国, in the
/// comparable form of ``CitationRules/key(_:)``: what a 《…》 title is looked up in.
struct LawNames: Sendable {
    /// One comparable name, its characters and its law.
    struct Name: Sendable {
        let key: String
        let characters: [Character]
        let law: Int
    }

    /// A comparable name to the index of its law; when two laws share a name, the later one.
    let lawByKey: [String: Int]
    /// Every comparable name once, in key order.
    let names: [Name]

    init(_ laws: [AuditTable.Law]) {
        var lawByKey: [String: Int] = [:]
        for (index, law) in laws.enumerated() {
            for name in [law.name] + law.short {
                lawByKey[CitationRules.key(name)] = index
                lawByKey[CitationRules.key(CitationRules.withoutPrefix(name))] = index
            }
        }
        self.lawByKey = lawByKey
        names = lawByKey.keys.sorted().map { Name(key: $0, characters: Array($0), law: lawByKey[$0]!) }
    }
}
