import ReportKit

/// Paragraphs (lines) and sentences of a text, as trimmed spans in Unicode scalars.
enum PassageSplitter {
    static func paragraphs(of text: ScalarText) -> [Span] {
        split(text) { $0 == "\n" || $0 == "\r" || $0 == "\u{2029}" }
    }

    static func sentences(of text: ScalarText) -> [Span] {
        split(text) { "。！？；!?;\n\r\u{2029}".unicodeScalars.contains($0) }
    }

    /// Pieces ending at (and holding) each boundary scalar, with surrounding spaces trimmed; empty pieces left out.
    private static func split(_ text: ScalarText, at isBoundary: (Unicode.Scalar) -> Bool) -> [Span] {
        var spans: [Span] = []
        var start = 0
        let scalars = text.scalars
        func close(_ end: Int) {
            var lower = start, upper = end
            while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
            while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
            if lower < upper { spans.append(Span(lower, upper)) }
        }
        for index in scalars.indices where isBoundary(scalars[index]) {
            close(index + 1)
            start = index + 1
        }
        close(scalars.count)
        return spans
    }
}

/// The key of a passage: its content characters with digits folded, hashed, and how many there are.
struct PassageKey: Sendable {
    let key: Int64
    let length: Int

    init(_ text: ScalarText, span: Span) {
        var hash = StableHash(seed: 7)
        var length = 0
        for scalar in text.scalars[span.start..<span.end] {
            guard let value = ScalarFolding.passage.fold(scalar) else { continue }
            hash.combine(value)
            length += 1
        }
        key = Int64(bitPattern: hash.value)
        self.length = length
    }
}
