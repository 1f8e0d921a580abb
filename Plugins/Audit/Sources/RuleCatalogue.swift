import ReportKit

/// Every rule audit knows: its id, the severity it has unless the table says otherwise, and the thresholds it takes.
public enum RuleCatalogue {
    /// One rule's id, default severity and the option keys it accepts besides `enabled` and `severity`.
    public struct Entry: Sendable {
        public let id: String
        public let severity: Finding.Severity
        public let options: Set<String>
    }

    public static let entries: [Entry] = [
        Entry(id: "structure.sibling-skipped", severity: .warning, options: []),
        Entry(id: "structure.sibling-repeated", severity: .warning, options: []),
        Entry(id: "structure.sibling-order", severity: .warning, options: []),
        Entry(id: "structure.level-skipped", severity: .info, options: []),
        Entry(id: "structure.nested-same-level", severity: .warning, options: []),
        Entry(id: "content.missing-measures", severity: .warning, options: ["mention_severity"]),
        Entry(id: "content.missing-problems", severity: .warning, options: ["mention_severity"]),
        Entry(id: "content.missing-causes", severity: .warning, options: ["mention_severity"]),
        Entry(id: "content.missing-first-responsible", severity: .warning, options: ["mention_severity"]),
        Entry(id: "content.missing-next-steps", severity: .warning, options: ["mention_severity"]),
        Entry(id: "arithmetic.total-mismatch", severity: .error, options: ["min_parts"]),
        Entry(id: "arithmetic.rate-mismatch", severity: .error, options: []),
        Entry(id: "arithmetic.growth-mismatch", severity: .warning, options: []),
        Entry(id: "consistency.completeness-claim", severity: .error, options: []),
        Entry(id: "consistency.year", severity: .warning, options: []),
        Entry(id: "consistency.place-kind", severity: .warning, options: []),
        Entry(id: "text.doubled-word", severity: .error, options: ["max_length"]),
        Entry(id: "text.repeated-passage", severity: .warning, options: ["min_chars"]),
        Entry(id: "text.unbalanced-brackets", severity: .error, options: []),
        Entry(id: "text.halfwidth-punctuation", severity: .warning, options: ["max_share"]),
        Entry(id: "text.stray-space", severity: .warning, options: []),
        Entry(id: "text.date-forms", severity: .warning, options: []),
        Entry(id: "text.outdated-term", severity: .info, options: []),
        Entry(id: "citation.repealed", severity: .error, options: []),
        Entry(id: "citation.near-miss", severity: .error, options: ["max_distance"]),
        Entry(id: "citation.inconsistent-name", severity: .info, options: []),
        Entry(id: "quantity.approx-not-round", severity: .warning, options: ["round_base"]),
        Entry(id: "quantity.person-unit", severity: .warning, options: []),
        Entry(id: "form.missing-signature", severity: .warning, options: []),
        Entry(id: "form.missing-date", severity: .warning, options: []),
        Entry(id: "form.date-format", severity: .info, options: []),
        Entry(id: "form.late-publication", severity: .warning, options: ["deadline"]),
    ]

    public static let ids: [String] = entries.map(\.id)

    static let byID: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
}

/// How one rule runs: whether at all, at what severity, and its thresholds.
public struct RuleSetting: Sendable, Equatable {
    public var enabled = true
    public var severity: Finding.Severity
    /// The severity of a required item that is only mentioned in passing.
    public var mentionSeverity: Finding.Severity = .info
    public var minParts = 3
    public var maxLength = 16
    public var minChars = 20
    public var maxShare = 0.3
    public var maxDistance = 1
    public var roundBase = 10
    /// Month and day of the year after the year covered from which a report is late.
    public var deadline = (month: 4, day: 1)

    public init(severity: Finding.Severity) {
        self.severity = severity
    }

    public static func == (lhs: RuleSetting, rhs: RuleSetting) -> Bool {
        lhs.enabled == rhs.enabled && lhs.severity == rhs.severity && lhs.mentionSeverity == rhs.mentionSeverity
            && lhs.minParts == rhs.minParts && lhs.maxLength == rhs.maxLength && lhs.minChars == rhs.minChars
            && lhs.maxShare == rhs.maxShare && lhs.maxDistance == rhs.maxDistance && lhs.roundBase == rhs.roundBase
            && lhs.deadline == rhs.deadline
    }
}
