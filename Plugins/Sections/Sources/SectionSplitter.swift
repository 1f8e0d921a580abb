import Foundation
import ReportKit

/// Splits a report into its heading tree: numbered headings of every GB/T 9704-2012 level, sections
/// opened by a cue phrase, and inline items (一是…), each with its role and its anomalies.
public struct SectionSplitter: Processor {
    public static let name = "sections"
    public static let version = "1.0.0"

    /// Options of the sections step, from `[processors.sections]`.
    public struct Configuration: ProcessorConfiguration {
        /// The phrase table (roles, cues, lead-ins), relative to the config file's folder.
        public var phrases = "sections.toml"
        /// Add inline items (一是…, 一方面…) to the tree as sections of kind `inline`.
        public var inlineItems = true
        /// A `：` ends a heading title when it comes within this many characters of the marker.
        public var colonTitleLimit = 30

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            phrases = try container.decodeIfPresent(String.self, forKey: .phrases) ?? phrases
            inlineItems = try container.decodeIfPresent(Bool.self, forKey: .inlineItems) ?? inlineItems
            colonTitleLimit = try container.decodeIfPresent(Int.self, forKey: .colonTitleLimit) ?? colonTitleLimit
        }

        public func validate() throws {
            guard !phrases.isEmpty else { throw ConfigurationError(key: "phrases", "expected a file name") }
            guard (0...200).contains(colonTitleLimit) else {
                throw ConfigurationError(key: "colon_title_limit", "expected 0 to 200, found \(colonTitleLimit)")
            }
        }

        enum CodingKeys: String, CodingKey {
            case phrases
            case inlineItems = "inline_items"
            case colonTitleLimit = "colon_title_limit"
        }
    }

    let phrases: SectionPhrases
    let configuration: Configuration

    public init(phrases: SectionPhrases = SectionPhrases(), configuration: Configuration = Configuration()) {
        self.phrases = phrases
        self.configuration = configuration
    }

    /// Builds the splitter with the phrase table the configuration names, read from beside the config file.
    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        do {
            phrases = try SectionPhrases.load(from: environment.resolve(configuration.phrases))
        } catch let error as PhraseTableError {
            throw ConfigurationError(key: "phrases", error.message)
        }
        self.configuration = configuration
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.sections = split(document.text)
        return .proceed
    }

    /// The section tree of `text`.
    public func split(_ text: String) -> [Section] {
        SectionScan(scalars: Array(text.unicodeScalars), phrases: phrases, configuration: configuration).run()
    }
}

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
