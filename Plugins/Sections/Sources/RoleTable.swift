/// One phrase of the table and the role it stands for.
struct RolePhrase: Sendable {
    var role: String
    var pattern: PhrasePattern
}

/// Reads what a section is about from its title: the role whose phrase comes first in it.
///
/// Each position is tried only against the phrases that can start there (by their first scalar,
/// folded), so a title is read in one pass however long the table.
struct RoleTable: Sendable {
    /// The role of a title in which no phrase occurs.
    static let fallback = "other"

    let phrases: [RolePhrase]
    /// Phrases by the folded scalar they start with, in table order.
    private let byFirst: [Unicode.Scalar: [Int]]
    /// Phrases that start with a digit or a gap, tried everywhere.
    private let unanchored: [Int]

    /// `phrasesByRole` compiled; ties between roles go to the longer phrase, then to the role name.
    init(_ phrasesByRole: [String: [String]], maxGap: Int) {
        phrases = phrasesByRole.keys.sorted().flatMap { role in
            phrasesByRole[role, default: []].map { RolePhrase(role: role, pattern: PhrasePattern($0, maxGap: maxGap)) }
        }
        var byFirst: [Unicode.Scalar: [Int]] = [:]
        var unanchored: [Int] = []
        for (index, phrase) in phrases.enumerated() where !phrase.pattern.elements.isEmpty {
            if let first = phrase.pattern.firstLiteral { byFirst[first, default: []].append(index) } else { unanchored.append(index) }
        }
        self.byFirst = byFirst
        self.unanchored = unanchored
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// Calls `visit` with each phrase (by index) that matches at `start`, and the end of its match.
    private func forEachMatch(at start: Int, in scalars: [Unicode.Scalar], limit: Int, _ visit: (Int, Int) -> Void) {
        if let candidates = byFirst[ScalarClass.folded(scalars[start])] {
            for index in candidates {
                if let end = phrases[index].pattern.matchEnd(in: scalars, at: start, limit: limit) { visit(index, end) }
            }
        }
        for index in unanchored {
            if let end = phrases[index].pattern.matchEnd(in: scalars, at: start, limit: limit) { visit(index, end) }
        }
    }

    /// The phrase matching earliest in `scalars[range]`; at one start, the one `prefer` picks over the other.
    private func earliest(in scalars: [Unicode.Scalar], range: Range<Int>,
                          prefer: (_ candidate: (index: Int, length: Int), _ best: (index: Int, length: Int)) -> Bool) -> Int? {
        for start in range {
            var best: (index: Int, length: Int)?
            forEachMatch(at: start, in: scalars, limit: range.upperBound) { index, end in
                let candidate = (index: index, length: end - start)
                if best == nil || prefer(candidate, best!) { best = candidate }
            }
            if let best { return best.index }
        }
        return nil
    }

    /// The role of the title `scalars[range]`, or ``fallback``: the earliest phrase, then the longest, then the first in the table.
    func role(of scalars: [Unicode.Scalar], range: Range<Int>) -> String {
        let index = earliest(in: scalars, range: range) { candidate, best in
            (-candidate.length, candidate.index) < (-best.length, best.index)
        }
        return index.map { phrases[$0].role } ?? Self.fallback
    }

    /// The role of the phrase matching earliest in `scalars[range]`, the first in the table at one start.
    func firstRole(in scalars: [Unicode.Scalar], range: Range<Int>) -> String? {
        earliest(in: scalars, range: range) { candidate, best in candidate.index < best.index }.map { phrases[$0].role }
    }

    /// Every role one of whose phrases occurs in `scalars[range]`.
    func rolesMentioned(in scalars: [Unicode.Scalar], range: Range<Int>) -> Set<String> {
        var roles: Set<String> = []
        for start in range {
            forEachMatch(at: start, in: scalars, limit: range.upperBound) { index, _ in roles.insert(phrases[index].role) }
        }
        return roles
    }
}
