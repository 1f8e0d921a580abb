import ReportKit

/// One pass over a report's lines, feeding what each line holds to the tree builder.
struct SectionScan {
    let scalars: [Unicode.Scalar]
    let phrases: SectionPhrases
    let configuration: SectionSplitter.Configuration

    func run() -> [Section] {
        let lines = TextLines(scalars).lines
        let bodyEnd = SignatureBlock(scalars: scalars).start(in: lines) ?? scalars.count
        let scanner = MarkerScanner(scalars: scalars)
        let headings = HeadingReader(scanner: scanner, colonLimit: configuration.colonTitleLimit)
        let cues = CueDetector(phrases: phrases, scanner: scanner)
        var builder = SectionTreeBuilder(scalars: scalars)
        let firstLine = lines.first { !$0.isBlank }
        for line in lines where line.start < bodyEnd && !line.isBlank {
            if let heading = headings.heading(in: line) {
                builder.addHeading(headingInput(heading, line: line))
                addItems(in: heading.headEnd..<line.contentEnd, clauseStart: heading.headEnd, line: line, to: &builder)
            } else if line != firstLine, scanner.inlineMarker(at: line.contentStart, limit: line.contentEnd) == nil,
                      let cue = cues.cue(in: line), !builder.covers(cue.role) {
                builder.addCue(cue, start: line.contentStart, runsOn: cue.headEnd < line.contentEnd,
                               mentionedRoles: phrases.roles.rolesMentioned(in: scalars, range: cue.title))
                addItems(in: cue.headEnd..<line.contentEnd, clauseStart: cue.headEnd, line: line, to: &builder)
            } else {
                builder.noteBody()
                addItems(in: line.contentStart..<line.contentEnd, clauseStart: line.contentStart, line: line, to: &builder)
            }
            builder.endLine(contentEnd: line.contentEnd)
        }
        return builder.finish(at: bodyEnd)
    }

    private func headingInput(_ heading: HeadingLine, line: TextLine) -> SectionTreeBuilder.HeadingInput {
        let title = heading.title
        let announces = (heading.headEnd > 0 && ScalarClass.isColon(scalars[heading.headEnd - 1]))
            || phrases.leadIns.contains { $0.isSuffix(of: scalars, range: title) }
        return SectionTreeBuilder.HeadingInput(
            marker: heading.marker, title: title, headEnd: heading.headEnd,
            role: phrases.roles.role(of: scalars, range: title),
            mentionedRoles: phrases.roles.rolesMentioned(in: scalars, range: title),
            announcesSubParts: announces,
            runsOn: heading.headEnd < line.contentEnd)
    }

    private func addItems(in range: Range<Int>, clauseStart: Int, line: TextLine, to builder: inout SectionTreeBuilder) {
        guard configuration.inlineItems, builder.hasOpenSection, !range.isEmpty else { return }
        let markers = MarkerScanner(scalars: scalars).inlineMarkers(in: range, clauseStart: clauseStart)
        for (index, marker) in markers.enumerated() {
            let limit = index + 1 < markers.count ? markers[index + 1].start : range.upperBound
            let title = itemTitle(after: marker, limit: limit)
            builder.addItem(SectionTreeBuilder.ItemInput(
                marker: marker, title: title, role: phrases.roles.role(of: scalars, range: title),
                opensLine: marker.start == line.contentStart,
                followsColon: followsColon(marker.start, floor: line.contentStart)))
        }
    }

    /// The item's title: from after its marker to the end of its clause (`。` or `；`) or the next item.
    private func itemTitle(after marker: InlineMarker, limit: Int) -> Range<Int> {
        var start = marker.end
        while start < limit, ScalarClass.isTitleTrailer(scalars[start]) { start += 1 }
        var end = start
        while end < limit, !ScalarClass.endsSentence(scalars[end]), !ScalarClass.isSemicolon(scalars[end]) { end += 1 }
        return start..<TitleText.trimmedEnd(scalars, start: start, end: end)
    }

    private func followsColon(_ position: Int, floor: Int) -> Bool {
        var previous = position - 1
        while previous >= floor, ScalarClass.isBlank(scalars[previous]) { previous -= 1 }
        return previous >= floor && ScalarClass.isColon(scalars[previous])
    }
}
