/// A word that bounds or qualifies a number, and whether it makes the value a bound or an estimate.
public struct Qualifier: Sendable, Equatable {
    public let word: String
    public let approx: Bool
    /// 均达, 均为: one value said of several things.
    public let isShared: Bool

    init(word: String, approx: Bool) {
        self.word = word
        self.approx = approx
        isShared = word.hasPrefix("均")
    }
}

/// The qualifiers before a number, after it, and opening its clause, with the words that only look like one.
public final class QualifierTable: Sendable {
    let before: ScalarPhraseSet<Qualifier>
    let after: ScalarPhraseSet<Qualifier>
    let clause: ScalarPhraseSet<Qualifier>
    let lookalikes: ScalarPhraseSet<Bool>
    /// Every qualifier written before a number or opening a clause.
    let words: [String]

    public init(before: [String: Bool], after: [String: Bool], clause: [String: Bool], lookalikes: [String]) {
        func compiled(_ words: [String: Bool]) -> ScalarPhraseSet<Qualifier> {
            ScalarPhraseSet(words.map { ($0.key, Qualifier(word: $0.key, approx: $0.value)) })
        }
        self.before = compiled(before)
        self.after = compiled(after)
        self.clause = compiled(clause)
        self.lookalikes = ScalarPhraseSet(lookalikes)
        words = Array(before.keys) + Array(clause.keys)
    }

    /// The qualifier written right before `end`, unless it is part of a lookalike (下达, 中共).
    func before(endingAt end: Int, in text: [Unicode.Scalar], floor: Int) -> (length: Int, qualifier: Qualifier)? {
        guard let found = before.match(endingAt: end, in: text, floor: floor) else { return nil }
        if let word = lookalikes.match(endingAt: end, in: text, floor: max(0, end - 6)), word.length > found.length { return nil }
        return (found.length, found.payload)
    }

    /// The qualifier written at `start` after a number or its unit.
    func after(at start: Int, in text: [Unicode.Scalar]) -> (length: Int, qualifier: Qualifier)? {
        after.match(at: start, in: text).map { ($0.length, $0.payload) }
    }

    /// The first clause qualifier in `range` that is not part of a lookalike (共 in 中共).
    func clauseQualifier(in range: Range<Int>, of text: [Unicode.Scalar]) -> Qualifier? {
        var start = range.lowerBound
        while let found = clause.firstMatch(in: start..<range.upperBound, of: text) {
            if !isInsideLookalike(found.start, length: found.length, in: text) { return found.payload }
            start = found.start + 1
        }
        return nil
    }

    private func isInsideLookalike(_ start: Int, length: Int, in text: [Unicode.Scalar]) -> Bool {
        for origin in max(0, start - 3)...start {
            if let word = lookalikes.match(at: origin, in: text), origin + word.length >= start + length, word.length > length {
                return true
            }
        }
        return false
    }
}
