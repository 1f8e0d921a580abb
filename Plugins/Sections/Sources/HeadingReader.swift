/// A numbered heading read off the start of a line: its marker, its title and where the heading sentence ends.
struct HeadingLine {
    var marker: NumberedMarker
    var title: Range<Int>
    /// One past the heading sentence's terminator; the paragraph, if it runs on, starts here.
    var headEnd: Int
}

/// Reads the numbered heading at the start of a line: the title ends at the first `。`, or at a `：`
/// close enough to the marker to end a short heading, or with the line.
struct HeadingReader {
    let scanner: MarkerScanner
    /// How far into the title a `：` may come and still end it.
    let colonLimit: Int

    func heading(in line: TextLine) -> HeadingLine? {
        let scalars = scanner.scalars
        var markerStart = line.contentStart
        while markerStart < line.contentEnd, Self.isMarkup(scalars[markerStart]) { markerStart += 1 }
        while markerStart < line.contentEnd, ScalarClass.isBlank(scalars[markerStart]) { markerStart += 1 }
        guard let marker = scanner.numberedMarker(at: markerStart, limit: line.contentEnd) else { return nil }
        var titleStart = marker.end
        while titleStart < line.contentEnd, ScalarClass.isBlank(scalars[titleStart]) { titleStart += 1 }
        guard titleStart < line.contentEnd else { return nil }
        var position = titleStart
        var terminator: Int?
        while position < line.contentEnd {
            let scalar = scalars[position]
            if ScalarClass.endsSentence(scalar)
                || (ScalarClass.isColon(scalar) && position - titleStart <= colonLimit) {
                terminator = position
                break
            }
            position += 1
        }
        var titleEnd = TitleText.trimmedEnd(scalars, start: titleStart, end: terminator ?? line.contentEnd)
        while titleEnd > titleStart, Self.isMarkup(scalars[titleEnd - 1]) { titleEnd -= 1 }
        guard titleEnd > titleStart else { return nil }
        return HeadingLine(marker: marker, title: titleStart..<titleEnd,
                           headEnd: terminator.map { $0 + 1 } ?? line.contentEnd)
    }

    /// Markdown heading and emphasis marks a converted document may keep around a heading (`## 一、` `**一、…**`).
    private static func isMarkup(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "#" || scalar == "*" || scalar == "＃"
    }
}

/// Where a title's text ends once trailing commas, colons and blanks are left off.
enum TitleText {
    static func trimmedEnd(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Int {
        var end = end
        while end > start, ScalarClass.isTitleTrailer(scalars[end - 1]) { end -= 1 }
        return end
    }
}
