/// A phrase from the phrase table, compiled once: `…` stands for a short gap, `X` for a digit, and
/// full- and half-width forms (`，` `,`, `１` `1`) match each other.
struct PhrasePattern: Sendable, Equatable {
    enum Element: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case digit
        /// Up to this many scalars, none of them ending a sentence.
        case gap(Int)
    }

    let elements: [Element]
    /// The phrase as written in the table.
    let source: String
    /// The fewest and the most scalars a match spans.
    let shortest: Int
    let longest: Int
    /// The folded scalar every match starts with, when the phrase starts with a literal.
    let firstLiteral: Unicode.Scalar?

    /// Compiles `phrase`; a gap (`…`, `……` or `...`) spans at most `maxGap` scalars.
    init(_ phrase: String, maxGap: Int) {
        source = phrase
        var elements: [Element] = []
        let scalars = Array(phrase.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "…" || (scalar == "." && index + 2 < scalars.count && scalars[index + 1] == "." && scalars[index + 2] == ".") {
                if case .gap = elements.last {} else { elements.append(.gap(maxGap)) }
                index += scalar == "…" ? 1 : 3
                continue
            }
            elements.append(scalar == "X" ? .digit : .literal(ScalarClass.folded(scalar)))
            index += 1
        }
        self.elements = elements
        if case .literal(let scalar) = elements.first { firstLiteral = scalar } else { firstLiteral = nil }
        shortest = elements.reduce(0) { count, element in
            if case .gap = element { count } else { count + 1 }
        }
        longest = elements.reduce(0) { count, element in
            if case .gap(let size) = element { count + size } else { count + 1 }
        }
    }

    /// The first match in `range` of `scalars`, as a range of scalars.
    func firstMatch(in scalars: [Unicode.Scalar], range: Range<Int>) -> Range<Int>? {
        guard !elements.isEmpty, !range.isEmpty, range.count >= shortest else { return nil }
        for start in range.lowerBound...(range.upperBound - max(1, shortest)) {
            if let firstLiteral, ScalarClass.folded(scalars[start]) != firstLiteral { continue }
            if let end = matchEnd(scalars, element: 0, at: start, limit: range.upperBound) {
                return start..<end
            }
        }
        return nil
    }

    /// Whether `scalars[range]` ends with the phrase.
    func isSuffix(of scalars: [Unicode.Scalar], range: Range<Int>) -> Bool {
        let earliest = max(range.lowerBound, range.upperBound - longest)
        let latest = range.upperBound - shortest
        guard latest >= earliest else { return false }
        return (earliest...latest).contains { start in
            matchEnd(scalars, element: 0, at: start, limit: range.upperBound, mustEndAt: range.upperBound) != nil
        }
    }

    /// The end of a match starting exactly at `start`, within `limit`.
    func matchEnd(in scalars: [Unicode.Scalar], at start: Int, limit: Int) -> Int? {
        matchEnd(scalars, element: 0, at: start, limit: limit)
    }

    private func matchEnd(_ scalars: [Unicode.Scalar], element: Int, at position: Int, limit: Int,
                          mustEndAt: Int? = nil) -> Int? {
        guard element < elements.count else {
            if let mustEndAt, position != mustEndAt { return nil }
            return position
        }
        switch elements[element] {
        case .literal(let expected):
            guard position < limit, ScalarClass.folded(scalars[position]) == expected else { return nil }
            return matchEnd(scalars, element: element + 1, at: position + 1, limit: limit, mustEndAt: mustEndAt)
        case .digit:
            guard position < limit, ScalarClass.digit(scalars[position]) != nil else { return nil }
            return matchEnd(scalars, element: element + 1, at: position + 1, limit: limit, mustEndAt: mustEndAt)
        case .gap(let size):
            var end = position
            while true {
                if let found = matchEnd(scalars, element: element + 1, at: end, limit: limit, mustEndAt: mustEndAt) {
                    return found
                }
                guard end < limit, end - position < size, !ScalarClass.endsSentence(scalars[end]) else { return nil }
                end += 1
            }
        }
    }
}
