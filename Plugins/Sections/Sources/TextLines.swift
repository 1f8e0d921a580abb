/// One line of the text in scalar offsets: where it starts, where its content starts and ends, and its end.
struct TextLine: Equatable {
    /// The first scalar of the line.
    var start: Int
    /// The first scalar after the leading blanks.
    var contentStart: Int
    /// One past the last scalar that is not blank.
    var contentEnd: Int
    /// The `\n` ending the line, or the end of the text.
    var end: Int

    var isBlank: Bool { contentStart >= contentEnd }
    var length: Int { contentEnd - contentStart }
}

/// The text cut into lines at `\n`, each with its blanks measured.
struct TextLines {
    let lines: [TextLine]

    init(_ scalars: [Unicode.Scalar]) {
        var lines: [TextLine] = []
        var start = 0
        while start <= scalars.count {
            var end = start
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            var contentStart = start
            while contentStart < end, ScalarClass.isBlank(scalars[contentStart]) { contentStart += 1 }
            var contentEnd = end
            while contentEnd > contentStart, ScalarClass.isBlank(scalars[contentEnd - 1]) { contentEnd -= 1 }
            lines.append(TextLine(start: start, contentStart: contentStart, contentEnd: contentEnd, end: end))
            if end == scalars.count { break }
            start = end + 1
        }
        self.lines = lines
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars of `range` as a string.
    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: self[range])
        return String(view)
    }

    /// `end` moved back over blanks and line breaks, not before `floor`.
    func trimmedEnd(_ end: Int, floor: Int) -> Int {
        var end = end
        while end > floor, ScalarClass.isBlank(self[end - 1]) || self[end - 1] == "\n" { end -= 1 }
        return end
    }
}
