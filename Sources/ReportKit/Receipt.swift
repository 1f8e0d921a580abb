import Foundation

/// What `outbox/<original name>.json` says about one report, whatever happened to it.
public struct Receipt: Sendable, Codable, Equatable {
    /// `processed`, `duplicate` or `failed`.
    public var status: String
    public var file: String
    public var id: String?
    /// The archive entry, relative to the data root.
    public var archive: String?
    public var sections: Int
    public var metrics: Int
    public var findings: FindingCounts
    /// The earlier report's id; null for a duplicate of the same bytes, which `duplicate.original` names.
    public var duplicateOf: String?
    /// The document's duplicate reference, with the earlier arrival's file, claim time and archive entry.
    public var duplicate: DuplicateReference?
    public var reason: String?
    /// ISO 8601.
    public var at: String

    /// Findings by severity.
    public struct FindingCounts: Sendable, Codable, Equatable {
        public var error: Int
        public var warning: Int
        public var info: Int

        public init(_ findings: [Finding]) {
            error = findings.count { $0.severity == .error }
            warning = findings.count { $0.severity == .warning }
            info = findings.count { $0.severity == .info }
        }
    }

    public init(status: String, file: String, id: String?, archive: String?, document: Document?,
                duplicateOf: String?, reason: String?, at: Date) {
        self.status = status
        self.file = file
        self.id = id
        self.archive = archive
        self.sections = document?.sections.flattened.count ?? 0
        self.metrics = document?.metrics.count ?? 0
        self.findings = FindingCounts(document?.findings ?? [])
        self.duplicateOf = duplicateOf
        self.duplicate = document?.duplicate
        self.reason = reason
        self.at = Timestamp.string(from: at)
    }

    enum CodingKeys: String, CodingKey {
        case status, file, id, archive, sections, metrics, findings, duplicate, reason, at
        case duplicateOf = "duplicate_of"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(file, forKey: .file)
        try container.encode(id, forKey: .id)
        try container.encode(archive, forKey: .archive)
        try container.encode(sections, forKey: .sections)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(findings, forKey: .findings)
        try container.encode(duplicateOf, forKey: .duplicateOf)
        try container.encode(duplicate, forKey: .duplicate)
        try container.encode(reason, forKey: .reason)
        try container.encode(at, forKey: .at)
    }
}

/// Every timestamp reportd writes: ISO 8601 with fractional seconds, in UTC.
public enum Timestamp {
    /// Formatted by swift-foundation's `ISO8601FormatStyle`, a value type safe to use from any worker.
    public static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
