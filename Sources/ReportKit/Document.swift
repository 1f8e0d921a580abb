import Foundation

/// One report as reportd understands it: its source, text, metadata and everything the processors add.
///
/// Encoded, it is the `document.json` contract of the archive; `text` is kept beside it as `text.txt`
/// and the original bytes as the original file, so neither is part of the encoding.
public struct Document: Sendable, Codable {
    /// `"sha256:<hex>"` of the original bytes.
    public var id: String
    public var source: Source
    public var meta: Metadata
    public var sections: [Section]
    public var metrics: [Metric]
    public var findings: [Finding]
    public var duplicate: DuplicateReference?
    public var provenance: [Provenance]
    /// Labels external processors attached.
    public var tags: [String]
    /// The normalised text every span indexes.
    public var text: String
    /// The bytes as they arrived.
    public var original: Data

    public init(id: String, source: Source, meta: Metadata = Metadata(), text: String, original: Data) {
        self.id = id
        self.source = source
        self.meta = meta
        self.sections = []
        self.metrics = []
        self.findings = []
        self.duplicate = nil
        self.provenance = []
        self.tags = []
        self.text = text
        self.original = original
    }

    /// The hex digest without its `sha256:` prefix, used as a folder name.
    public var digest: String {
        id.hasPrefix("sha256:") ? String(id.dropFirst("sha256:".count)) : id
    }

    enum CodingKeys: String, CodingKey {
        case id, source, meta, sections, metrics, findings, duplicate, provenance, tags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        source = try container.decode(Source.self, forKey: .source)
        meta = try container.decode(Metadata.self, forKey: .meta)
        sections = try container.decode([Section].self, forKey: .sections)
        metrics = try container.decode([Metric].self, forKey: .metrics)
        findings = try container.decode([Finding].self, forKey: .findings)
        duplicate = try container.decodeIfPresent(DuplicateReference.self, forKey: .duplicate)
        provenance = try container.decode([Provenance].self, forKey: .provenance)
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        text = ""
        original = Data()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(meta, forKey: .meta)
        try container.encode(sections, forKey: .sections)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(findings, forKey: .findings)
        try container.encode(duplicate, forKey: .duplicate)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(tags, forKey: .tags)
    }

    /// The `document.json` bytes: pretty-printed, keys in the contract's order, slashes and CJK unescaped.
    public func jsonData() throws -> Data {
        try StreamingJSONEncoder().encode(self)
    }
}

extension JSONEncoder {
    /// The encoder for every JSON file reportd writes.
    public static var reportd: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Where a document came from and how its bytes were read.
public struct Source: Sendable, Codable, Equatable {
    public var name: String
    public var bytes: Int
    public var format: String
    public var encoding: String
    /// ISO 8601, when reportd claimed the file.
    public var received: String

    public init(name: String, bytes: Int, format: String, encoding: String, received: String) {
        self.name = name
        self.bytes = bytes
        self.format = format
        self.encoding = encoding
        self.received = received
    }
}

/// What the report says about itself; each field is nil when it cannot be read, never invented.
public struct Metadata: Sendable, Codable, Equatable {
    public var issuer: String?
    /// The year the report covers.
    public var year: Int?
    /// Signed or published, `YYYY-MM-DD`.
    public var date: String?
    public var title: String?

    public init(issuer: String? = nil, year: Int? = nil, date: String? = nil, title: String? = nil) {
        self.issuer = issuer
        self.year = year
        self.date = date
        self.title = title
    }

    enum CodingKeys: String, CodingKey { case issuer, year, date, title }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(year, forKey: .year)
        try container.encode(date, forKey: .date)
        try container.encode(title, forKey: .title)
    }
}

/// A heading of the report and the text it governs, with the headings nested under it.
public struct Section: Sendable, Codable, Equatable {
    /// What made this a section: a numbered heading, an inline item (一是…), or a cue phrase.
    public enum Kind: String, Sendable, Codable { case heading, inline, cue }

    /// 1 for the top level.
    public var level: Int
    /// The marker as written, such as `一、` or `(二)`; empty for a cue-phrase section.
    public var marker: String
    /// The marker's number (一 → 1), nil for a cue phrase.
    public var number: Int?
    public var title: String
    /// From the heading to the end of the text it governs.
    public var span: Span
    public var kind: Kind
    /// What the section is about (achievements, problems, …) when its title says so.
    public var role: String?
    /// What is irregular about this heading's place in the tree, kept for audit.
    public var anomalies: [SectionAnomaly]
    public var children: [Section]

    public init(level: Int, marker: String, number: Int?, title: String, span: Span,
                kind: Kind = .heading, role: String? = nil, anomalies: [SectionAnomaly] = [],
                children: [Section] = []) {
        self.level = level
        self.marker = marker
        self.number = number
        self.title = title
        self.span = span
        self.kind = kind
        self.role = role
        self.anomalies = anomalies
        self.children = children
    }

    enum CodingKeys: String, CodingKey { case level, marker, number, title, span, kind, role, anomalies, children }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(Int.self, forKey: .level)
        marker = try container.decode(String.self, forKey: .marker)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        title = try container.decode(String.self, forKey: .title)
        span = try container.decode(Span.self, forKey: .span)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .heading
        role = try container.decodeIfPresent(String.self, forKey: .role)
        anomalies = try container.decodeIfPresent([SectionAnomaly].self, forKey: .anomalies) ?? []
        children = try container.decode([Section].self, forKey: .children)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(marker, forKey: .marker)
        try container.encode(number, forKey: .number)
        try container.encode(title, forKey: .title)
        try container.encode(span, forKey: .span)
        try container.encode(kind, forKey: .kind)
        try container.encode(role, forKey: .role)
        try container.encode(anomalies, forKey: .anomalies)
        try container.encode(children, forKey: .children)
    }

    /// This section and every section below it, depth first.
    public var flattened: [Section] { [self] + children.flatMap(\.flattened) }
}

extension Array where Element == Section {
    /// Every section of the tree, depth first.
    public var flattened: [Section] { flatMap(\.flattened) }

    /// The titles from the top down of the deepest headings containing `span`.
    public func path(containing span: Span) -> [String] {
        guard let match = first(where: { $0.span.contains(span) }) else { return [] }
        return [match.title] + match.children.path(containing: span)
    }
}

/// Something irregular about a heading's number or level, as a reviewer would mark it.
public struct SectionAnomaly: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// A sibling number was left out (一、 then 三、).
        case skipped
        /// The same number as the sibling before (三、 then 三、).
        case repeated
        /// A number lower than one already seen among the siblings (三、 then 二、).
        case outOfOrder = "out-of-order"
        /// A level left out between parent and child (一、 straight to 1.).
        case levelSkipped = "level-skipped"
        /// A marker of a level nested under a marker of the same level.
        case nestedSameLevel = "nested-same-level"
    }

    public var kind: Kind
    /// The number the sequence called for, where there is one.
    public var expected: Int?
    /// The number written.
    public var found: Int?
    /// The heading's marker and title.
    public var span: Span

    public init(kind: Kind, expected: Int? = nil, found: Int? = nil, span: Span) {
        self.kind = kind
        self.expected = expected
        self.found = found
        self.span = span
    }
}

/// A quantitative claim the report makes.
public struct Metric: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case count, money, percent, growth, ratio }

    public var value: Double
    public var unit: String?
    /// 余, 多, 近, 约, 达, 累计, 共, …
    public var qualifier: String?
    /// True when the value is a bound or an estimate rather than exact.
    public var approx: Bool
    /// Money in yuan, a percentage as a number; nil when the value needs no normalising.
    public var normalized: Double?
    public var kind: Kind
    /// What the number counts.
    public var counted: String?
    /// The section path from the top down.
    public var section: [String]
    public var span: Span
    /// The claim as written.
    public var text: String

    public init(value: Double, unit: String?, qualifier: String? = nil, approx: Bool = false,
                normalized: Double? = nil, kind: Kind, counted: String? = nil,
                section: [String] = [], span: Span, text: String) {
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.approx = approx
        self.normalized = normalized
        self.kind = kind
        self.counted = counted
        self.section = section
        self.span = span
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case value, unit, qualifier, approx, normalized, kind, counted, section, span, text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(qualifier, forKey: .qualifier)
        try container.encode(approx, forKey: .approx)
        try container.encode(normalized, forKey: .normalized)
        try container.encode(kind, forKey: .kind)
        try container.encode(counted, forKey: .counted)
        try container.encode(section, forKey: .section)
        try container.encode(span, forKey: .span)
        try container.encode(text, forKey: .text)
    }
}

/// A defect a reviewer would raise, pointing at the text it is about.
public struct Finding: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case error, warning, info

        private var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable rule id such as `structure.sibling-order`.
    public var rule: String
    public var severity: Severity
    /// In Chinese, for the reviewer.
    public var message: String
    public var span: Span
    public var excerpt: String

    public init(rule: String, severity: Severity, message: String, span: Span, excerpt: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.excerpt = excerpt
    }
}

/// The report this one repeats.
public struct DuplicateReference: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case exact, text, near }

    /// The id of the earlier report; null when the earlier arrival had these very bytes, and so this very id.
    public var of: String?
    public var kind: Kind
    public var similarity: Double
    /// The arrival this one repeats: always named, and the only name when `of` is null.
    public var original: EarlierArrival?

    public init(of: String?, kind: Kind, similarity: Double, original: EarlierArrival? = nil) {
        self.of = of
        self.kind = kind
        self.similarity = similarity
        self.original = original
    }

    enum CodingKeys: String, CodingKey { case of, kind, similarity, original }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(of, forKey: .of)
        try container.encode(kind, forKey: .kind)
        try container.encode(similarity, forKey: .similarity)
        try container.encodeIfPresent(original, forKey: .original)
    }
}

/// An earlier arrival of a report: the file it came in, when it was claimed, and its archive entry once it has one.
public struct EarlierArrival: Sendable, Codable, Equatable {
    public var file: String
    /// ISO 8601, the claim time (`source.received` of that arrival).
    public var received: String
    /// Relative to the data root; null while that arrival is not archived yet.
    public var archive: String?

    public init(file: String, received: String, archive: String?) {
        self.file = file
        self.received = received
        self.archive = archive
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(received, forKey: .received)
        try container.encode(archive, forKey: .archive)
    }
}

/// One step the document went through.
public struct Provenance: Sendable, Codable, Equatable {
    public var processor: String
    public var version: String
    /// Wall time of the step in milliseconds, without `waitedMs`.
    public var ms: Double
    /// Milliseconds the step waited for earlier reports to pass it (dedupe takes reports in arrival
    /// order); absent when it did not wait.
    public var waitedMs: Double?

    public init(processor: String, version: String, ms: Double, waitedMs: Double? = nil) {
        self.processor = processor
        self.version = version
        self.ms = ms
        self.waitedMs = waitedMs
    }

    enum CodingKeys: String, CodingKey {
        case processor, version, ms
        case waitedMs = "waited_ms"
    }
}
