/// A section opened by a cue phrase instead of a number.
struct CueLine {
    var role: String
    var title: Range<Int>
    var headEnd: Int
}

/// Finds a cue phrase opening an unnumbered section: `还存在一些问题和不足，主要表现在：`,
/// `2021年，我局将…重点做好以下工作：`, or a short line of its own such as `下一步工作打算`.
///
/// The phrase must stand in the line's first sentence, and that sentence must hand over to what
/// follows: it ends with `：`, or it holds a lead-in (以下, 如下…) and an inline item (一是) comes next,
/// or it is a short line on its own.
struct CueDetector {
    let phrases: SectionPhrases
    let scanner: MarkerScanner

    /// How far into a line the cue sentence must end.
    static let sentenceWindow = 160
    /// The longest line that stands as an unnumbered heading on its own.
    static let ownLineLimit = 24

    func cue(in line: TextLine) -> CueLine? {
        guard !phrases.cues.isEmpty, !line.isBlank else { return nil }
        let scalars = scanner.scalars
        let windowEnd = min(line.contentEnd, line.contentStart + Self.sentenceWindow)
        var terminator: Int?
        for position in line.contentStart..<windowEnd {
            let scalar = scalars[position]
            if ScalarClass.endsSentence(scalar) || ScalarClass.isColon(scalar) {
                terminator = position
                break
            }
        }
        let sentenceEnd = terminator ?? line.contentEnd
        if terminator == nil {
            guard line.length <= Self.ownLineLimit, !containsProse(line.contentStart..<line.contentEnd) else { return nil }
        } else if let terminator, !ScalarClass.isColon(scalars[terminator]) {
            guard leadsIn(line.contentStart..<terminator), itemFollows(terminator + 1, limit: line.contentEnd) else { return nil }
        }
        let sentence = line.contentStart..<sentenceEnd
        guard let role = firstCueRole(in: sentence),
              !phrases.notCues.contains(where: { $0.firstMatch(in: scalars, range: sentence) != nil })
        else { return nil }
        let titleEnd = TitleText.trimmedEnd(scalars, start: line.contentStart, end: sentenceEnd)
        return CueLine(role: role, title: line.contentStart..<titleEnd, headEnd: terminator.map { $0 + 1 } ?? line.contentEnd)
    }

    private func firstCueRole(in range: Range<Int>) -> String? {
        phrases.cues.firstRole(in: scanner.scalars, range: range)
    }

    private func leadsIn(_ range: Range<Int>) -> Bool {
        phrases.leadIns.contains { $0.firstMatch(in: scanner.scalars, range: range) != nil }
    }

    private func itemFollows(_ start: Int, limit: Int) -> Bool {
        var position = start
        while position < limit, ScalarClass.isBlank(scanner.scalars[position]) { position += 1 }
        return scanner.inlineMarker(at: position, limit: limit) != nil
    }

    /// A title-like line has no clause punctuation and is not the report's own title.
    private func containsProse(_ range: Range<Int>) -> Bool {
        let scalars = scanner.scalars
        if range.contains(where: { ScalarClass.isProsePunctuation(scalars[$0]) }) { return true }
        return range.count >= 2 && scalars[range.upperBound - 2] == "报" && scalars[range.upperBound - 1] == "告"
    }
}
