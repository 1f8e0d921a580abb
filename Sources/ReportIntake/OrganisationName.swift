/// The name of a government body at the start of a line: a run of Chinese characters up to the first
/// organ suffix (局, 委员会, 办公室, 政府, 院, 厅, …), taking in any suffix that follows at once
/// (人民政府办公室), as in `尼勒克县科技局党组书记` → `尼勒克县科技局`.
enum OrganisationName {
    /// Suffixes that end a body's name, the longest first where one contains another.
    static let suffixes: [String] = [
        "人民政府", "委员会", "办公室", "办事处", "联合会", "政府", "中心", "协会", "局", "委", "办", "院", "厅",
        "署", "所", "站",
    ]

    /// Characters a body's name never starts with: a level with no place before it (县政府, 市科技局, an
    /// addressee or a reference, not an issuer) or a word of prose (我局, 本单位, 在县委).
    private static let impossibleFirst: Set<Unicode.Scalar> = [
        "县", "市", "区", "省", "州", "镇", "乡", "本", "我", "该", "全", "各", "在", "对", "由", "向", "据", "经",
        "为", "局", "委", "办", "院",
    ]

    private static let suffixScalars: [[Unicode.Scalar]] = suffixes.map { Array($0.unicodeScalars) }

    /// The body named at the start of `line`, or nil when the line does not start with a full name.
    static func leading<S: StringProtocol>(in line: S) -> String? {
        let run = Array(line.unicodeScalars.prefix(40).prefix(while: isHan))
        guard let first = run.first, !impossibleFirst.contains(first) else { return nil }
        var index = 0
        while index < run.count {
            if var end = suffixEnd(in: run, at: index) {
                while let next = suffixEnd(in: run, at: end) { end = next }
                return end >= 4 ? String(String.UnicodeScalarView(run[0..<end])) : nil
            }
            index += 1
        }
        return nil
    }

    /// A name given as such (发布机构): nil when it is a level with no place or a word of prose.
    static func given(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first, !impossibleFirst.contains(first), name.count >= 4 else {
            return nil
        }
        return name
    }

    private static func suffixEnd(in run: [Unicode.Scalar], at index: Int) -> Int? {
        for suffix in suffixScalars where index + suffix.count <= run.count {
            if Array(run[index..<index + suffix.count]) == suffix { return index + suffix.count }
        }
        return nil
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }
}
