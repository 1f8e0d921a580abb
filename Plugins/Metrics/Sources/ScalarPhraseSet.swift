/// Phrases compiled for matching at a place in an array of scalars, forwards or backwards, longest first.
///
/// All phrases share one flat array of scalars, so a lookup in the scan's inner loop allocates
/// and retains nothing.
final class ScalarPhraseSet<Payload: Sendable>: Sendable {
    private struct Entry: Sendable {
        let start: Int
        let length: Int
        let payload: Int
    }

    private let storage: [Unicode.Scalar]
    private let payloads: [Payload]
    /// Entries grouped by first scalar, then by last scalar, each group longest first.
    private let byFirst: [Entry]
    private let byLast: [Entry]
    private let firstGroups: ScalarIndex<Range<Int>>
    private let lastGroups: ScalarIndex<Range<Int>>

    init(_ phrases: [(String, Payload)]) {
        var storage: [Unicode.Scalar] = []
        var payloads: [Payload] = []
        var entries: [Entry] = []
        for (phrase, payload) in phrases where !phrase.isEmpty {
            let scalars = Array(phrase.unicodeScalars)
            entries.append(Entry(start: storage.count, length: scalars.count, payload: payloads.count))
            storage += scalars
            payloads.append(payload)
        }
        func grouped(by key: (Entry) -> Unicode.Scalar) -> ([Entry], ScalarIndex<Range<Int>>) {
            let sorted = entries.sorted { (key($0).value, $1.length, $0.start) < (key($1).value, $0.length, $1.start) }
            var groups: [Unicode.Scalar: Range<Int>] = [:]
            for (index, entry) in sorted.enumerated() {
                let scalar = key(entry)
                groups[scalar] = (groups[scalar]?.lowerBound ?? index)..<(index + 1)
            }
            return (sorted, ScalarIndex(groups))
        }
        let first = grouped { storage[$0.start] }
        let last = grouped { storage[$0.start + $0.length - 1] }
        self.storage = storage
        self.payloads = payloads
        (byFirst, firstGroups) = first
        (byLast, lastGroups) = last
    }

    /// The longest phrase starting at `start`, ending no later than `limit`.
    @inline(__always)
    func match(at start: Int, in text: [Unicode.Scalar], limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = limit ?? text.count
        guard start < end, let group = firstGroups[text[start]] else { return nil }
        for index in group {
            let entry = byFirst[index]
            if start + entry.length <= end, equal(entry, text, at: start) { return (entry.length, payloads[entry.payload]) }
        }
        return nil
    }

    /// The longest phrase ending right before `end`, starting no earlier than `floor`.
    @inline(__always)
    func match(endingAt end: Int, in text: [Unicode.Scalar], floor: Int = 0) -> (length: Int, payload: Payload)? {
        guard end > floor, end <= text.count, let group = lastGroups[text[end - 1]] else { return nil }
        for index in group {
            let entry = byLast[index]
            if end - entry.length >= floor, equal(entry, text, at: end - entry.length) { return (entry.length, payloads[entry.payload]) }
        }
        return nil
    }

    /// Whether a phrase starts at `start`, without reading its payload.
    func matches(at start: Int, in text: [Unicode.Scalar]) -> Bool {
        guard start < text.count, let group = firstGroups[text[start]] else { return false }
        for index in group {
            let entry = byFirst[index]
            if start + entry.length <= text.count, equal(entry, text, at: start) { return true }
        }
        return false
    }

    /// Where the first phrase that lies wholly in `range` starts, with the phrase's length.
    func firstMatch(in range: Range<Int>, of text: [Unicode.Scalar]) -> (start: Int, length: Int, payload: Payload)? {
        for start in range {
            if let found = match(at: start, in: text, limit: range.upperBound) { return (start, found.length, found.payload) }
        }
        return nil
    }

    @inline(__always)
    private func equal(_ entry: Entry, _ text: [Unicode.Scalar], at start: Int) -> Bool {
        for offset in 0..<entry.length where text[start + offset] != storage[entry.start + offset] { return false }
        return true
    }
}

extension ScalarPhraseSet where Payload == Bool {
    /// A set of plain phrases.
    convenience init(_ phrases: [String]) { self.init(phrases.map { ($0, true) }) }
}
