import Foundation
import ReportKit

/// Splits a report into its heading tree: numbered headings of every GB/T 9704-2012 level, sections
/// opened by a cue phrase, and inline items (一是…), each with its role and its anomalies.
public struct SectionSplitter: Processor {
    public static let name = "sections"
    public static let version = "1.0.0"

    /// Options of the sections step, from `[processors.sections]`.
    public struct Configuration: ProcessorConfiguration {
        /// The phrase table read when `phrases` is not given.
        public static let defaultPhrases = "sections.toml"

        /// The phrase table (roles, cues, lead-ins): an absolute path, or a name looked up along the
        /// table search path (the config file's folder first). When nil: sections.toml.
        public var phrases: String?
        /// Add inline items (一是…, 一方面…) to the tree as sections of kind `inline`.
        public var inlineItems = true
        /// A `：` ends a heading title when it comes within this many characters of the marker.
        public var colonTitleLimit = 30

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            phrases = try container.decodeIfPresent(String.self, forKey: .phrases)
            inlineItems = try container.decodeIfPresent(Bool.self, forKey: .inlineItems) ?? inlineItems
            colonTitleLimit = try container.decodeIfPresent(Int.self, forKey: .colonTitleLimit) ?? colonTitleLimit
        }

        public func validate() throws {
            guard phrases?.isEmpty != true else { throw ConfigurationError(key: "phrases", "expected a file name") }
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

    public init(phrases: SectionPhrases, configuration: Configuration = Configuration()) {
        self.phrases = phrases
        self.configuration = configuration
    }

    /// Builds the splitter with the phrase table the configuration names, found along the table search path.
    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        let url = try environment.table(configuration.phrases ?? Configuration.defaultPhrases, key: "phrases")
        do {
            phrases = try SectionPhrases.load(from: url)
        } catch let error as PhraseTableError {
            throw ConfigurationError(key: "phrases", error.message)
        }
        self.configuration = configuration
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.sections = await context.headStart?.computed([Section].self, for: document) ?? split(document.text)
        return .proceed
    }

    /// The tree needs only the text: it is split beside dedupe, which runs first.
    public func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        .computing(document) { split($0.text) }
    }

    /// The section tree of `text`.
    public func split(_ text: String) -> [Section] {
        SectionScan(scalars: ScalarText(text).scalars, phrases: phrases, configuration: configuration).run()
    }
}
