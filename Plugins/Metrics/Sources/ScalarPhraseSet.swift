/// Phrases compiled for matching at a place in an array of scalars, forwards or backwards, longest first.
struct ScalarPhraseSet<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        let scalars: [Unicode.Scalar]
        let payload: Payload
    }

    private let byFirst: [Unicode.Scalar: [Entry]]
    private let byLast: [Unicode.Scalar: [Entry]]

    init(_ phrases: [(String, Payload)]) {
        let entries = phrases.map { Entry(scalars: Array($0.0.unicodeScalars), payload: $0.1) }.filter { !$0.scalars.isEmpty }
        byFirst = Dictionary(grouping: entries, by: { $0.scalars[0] }).mapValues(Self.longestFirst)
        byLast = Dictionary(grouping: entries, by: { $0.scalars[$0.scalars.count - 1] }).mapValues(Self.longestFirst)
    }

    private static func longestFirst(_ entries: [Entry]) -> [Entry] {
        entries.sorted { $0.scalars.count > $1.scalars.count }
    }

    /// The longest phrase starting at `start`, ending no later than `limit`.
    func match(at start: Int, in text: [Unicode.Scalar], limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = limit ?? text.count
        guard start < end, let entries = byFirst[text[start]] else { return nil }
        for entry in entries where start + entry.scalars.count <= end {
            if Self.equal(entry.scalars, text, at: start) { return (entry.scalars.count, entry.payload) }
        }
        return nil
    }

    /// The longest phrase ending right before `end`, starting no earlier than `floor`.
    func match(endingAt end: Int, in text: [Unicode.Scalar], floor: Int = 0) -> (length: Int, payload: Payload)? {
        guard end > floor, end <= text.count, let entries = byLast[text[end - 1]] else { return nil }
        for entry in entries where end - entry.scalars.count >= floor {
            if Self.equal(entry.scalars, text, at: end - entry.scalars.count) { return (entry.scalars.count, entry.payload) }
        }
        return nil
    }

    /// Where the last phrase that lies wholly in `range` ends, with the phrase's length.
    func lastMatch(in range: Range<Int>, of text: [Unicode.Scalar]) -> (end: Int, length: Int, payload: Payload)? {
        var end = range.upperBound
        while end > range.lowerBound {
            if let found = match(endingAt: end, in: text, floor: range.lowerBound) { return (end, found.length, found.payload) }
            end -= 1
        }
        return nil
    }

    /// Where the first phrase that lies wholly in `range` starts, with the phrase's length.
    func firstMatch(in range: Range<Int>, of text: [Unicode.Scalar]) -> (start: Int, length: Int, payload: Payload)? {
        for start in range {
            if let found = match(at: start, in: text, limit: range.upperBound) { return (start, found.length, found.payload) }
        }
        return nil
    }

    private static func equal(_ phrase: [Unicode.Scalar], _ text: [Unicode.Scalar], at start: Int) -> Bool {
        for offset in 0..<phrase.count where text[start + offset] != phrase[offset] { return false }
        return true
    }
}

extension ScalarPhraseSet where Payload == Bool {
    /// A set of plain phrases.
    init(_ phrases: [String]) { self.init(phrases.map { ($0, true) }) }
}
