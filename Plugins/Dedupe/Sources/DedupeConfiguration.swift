import ReportKit
import ReportStore

/// The options of the dedupe step, from `[processors.dedupe]`; the defaults are the measured ones in README.md.
public struct DedupeConfiguration: ProcessorConfiguration, Equatable {
    /// Characters per shingle (content characters: no spacing or punctuation).
    public var shingleSize = 5
    /// MinHash signature length (one-permutation bins).
    public var permutations = 128
    /// LSH bands; `permutations` must divide evenly into them.
    public var bands = 32
    /// Jaccard similarity of shingle sets from which a report is a near duplicate.
    public var nearThreshold = 0.35
    /// At most this many candidates from the band lookup get the exact Jaccard check, and as many
    /// reports that hold one of the report's paragraphs.
    public var candidates = 8
    /// Paragraphs with fewer content characters are never looked up or stored.
    public var minParagraphChars = 40
    /// Sentences with fewer content characters are not reported as repeated.
    public var minSentenceChars = 15

    public init() {}

    enum CodingKeys: String, CodingKey {
        case shingleSize = "shingle_size", permutations, bands, nearThreshold = "near_threshold", candidates
        case minParagraphChars = "min_paragraph_chars", minSentenceChars = "min_sentence_chars"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shingleSize = try container.decodeIfPresent(Int.self, forKey: .shingleSize) ?? shingleSize
        permutations = try container.decodeIfPresent(Int.self, forKey: .permutations) ?? permutations
        bands = try container.decodeIfPresent(Int.self, forKey: .bands) ?? bands
        nearThreshold = try container.decodeIfPresent(Double.self, forKey: .nearThreshold) ?? nearThreshold
        candidates = try container.decodeIfPresent(Int.self, forKey: .candidates) ?? candidates
        minParagraphChars = try container.decodeIfPresent(Int.self, forKey: .minParagraphChars) ?? minParagraphChars
        minSentenceChars = try container.decodeIfPresent(Int.self, forKey: .minSentenceChars) ?? minSentenceChars
    }

    public func validate() throws {
        guard (2...16).contains(shingleSize) else { throw ConfigurationError(key: "shingle_size", "must be 2 to 16") }
        guard (16...1024).contains(permutations) else { throw ConfigurationError(key: "permutations", "must be 16 to 1024") }
        guard bands >= 1, bands <= permutations, permutations % bands == 0 else {
            throw ConfigurationError(key: "bands", "must divide permutations (\(permutations)) evenly")
        }
        guard nearThreshold > 0, nearThreshold <= 1 else {
            throw ConfigurationError(key: "near_threshold", "must be above 0 and at most 1")
        }
        guard (1...100).contains(candidates) else { throw ConfigurationError(key: "candidates", "must be 1 to 100") }
        guard minParagraphChars >= 4 else { throw ConfigurationError(key: "min_paragraph_chars", "must be at least 4") }
        guard minSentenceChars >= 4 else { throw ConfigurationError(key: "min_sentence_chars", "must be at least 4") }
    }

    /// Rows per band.
    public var rows: Int { permutations / bands }

    /// Signature agreement below which a candidate is not verified: 3 standard deviations of the
    /// MinHash estimate under `near_threshold`, so a report at the threshold is dropped about once in
    /// 740, where the band lookup itself misses it more often than not (README.md, "Method and parameters").
    public var minimumAgreement: Double {
        max(0, nearThreshold - 3 * (nearThreshold * (1 - nearThreshold) / Double(permutations)).squareRoot())
    }

    /// The screen the band lookup's candidates pass before their shingle sets are read.
    public var candidateScreen: CandidateScreen {
        CandidateScreen(minimumAgreement: minimumAgreement, rowsPerBand: rows)
    }
}
