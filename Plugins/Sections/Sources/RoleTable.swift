/// One phrase of the table and the role it stands for.
struct RolePhrase: Sendable {
    var role: String
    var pattern: PhrasePattern
}

/// Reads what a section is about from its title: the role whose phrase comes first in it.
struct RoleTable: Sendable {
    /// The role of a title in which no phrase occurs.
    static let fallback = "other"

    let phrases: [RolePhrase]

    /// `phrasesByRole` compiled; ties between roles go to the longer phrase, then to the role name.
    init(_ phrasesByRole: [String: [String]], maxGap: Int) {
        phrases = phrasesByRole.keys.sorted().flatMap { role in
            phrasesByRole[role, default: []].map { RolePhrase(role: role, pattern: PhrasePattern($0, maxGap: maxGap)) }
        }
    }

    /// The role of the title `scalars[range]`, or ``fallback``.
    func role(of scalars: [Unicode.Scalar], range: Range<Int>) -> String {
        var best: (role: String, start: Int, length: Int)?
        for phrase in phrases {
            guard let match = phrase.pattern.firstMatch(in: scalars, range: range) else { continue }
            if let current = best, (current.start, -current.length) <= (match.lowerBound, -match.count) { continue }
            best = (phrase.role, match.lowerBound, match.count)
        }
        return best?.role ?? Self.fallback
    }

    /// Every role one of whose phrases occurs in `scalars[range]`.
    func rolesMentioned(in scalars: [Unicode.Scalar], range: Range<Int>) -> Set<String> {
        Set(phrases.filter { $0.pattern.firstMatch(in: scalars, range: range) != nil }.map(\.role))
    }
}
