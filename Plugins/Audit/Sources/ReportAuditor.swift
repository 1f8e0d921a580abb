import Foundation
import ReportKit

/// Raises the findings a careful reviewer would mark: structure, required content, arithmetic,
/// consistency, text, citations, quantities and form, each rule switchable and tunable in config/audit.toml.
public struct ReportAuditor: Processor {
    public static let name = "audit"
    public static let version = "1.0.0"

    /// Options of the audit step, from `[processors.audit]`.
    public struct Configuration: ProcessorConfiguration {
        /// The table read when `rules` is not given.
        public static let defaultRules = "audit.toml"

        /// The rules and tables: an absolute path, or a name looked up along the table search path
        /// (the config file's folder first). When nil: audit.toml.
        public var rules: String?

        public init() {}

        public func validate() throws {
            guard rules?.isEmpty != true else { throw ConfigurationError(key: "rules", "expected a file name") }
        }
    }

    let table: AuditTable
    let families: [any AuditRule] = [
        StructureRules(), ContentRules(), ArithmeticRules(), ConsistencyRules(), TextRules(), CitationRules(),
        QuantityRules(), FormRules(),
    ]

    public init(table: AuditTable) {
        self.table = table
    }

    /// Builds the auditor with the table the configuration names, found along the table search path.
    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        let url = try environment.table(configuration.rules ?? Configuration.defaultRules, key: "rules")
        do {
            table = try AuditTable.load(from: url)
        } catch let error as AuditTableError {
            throw ConfigurationError(key: "rules", error.message)
        }
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.findings += audit(document, ahead: await context.headStart?.computed(TextAudit.self, for: document))
        return .proceed
    }

    /// The families that read only the text and metadata run beside the steps before audit.
    public func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        .computing(document) { document in
            let report = AuditedReport(document, table: table)
            var findings: [Int: [Finding]] = [:]
            for (index, family) in families.enumerated() where family.readsOnlyText {
                findings[index] = family.findings(in: report)
            }
            return TextAudit(scalars: report.scalars, lines: report.lines, year: report.year,
                             isAnnualReport: report.isAnnualReport, findings: findings)
        }
    }

    /// The findings of every enabled rule on `document`, in text order.
    public func audit(_ document: Document) -> [Finding] {
        audit(document, ahead: nil)
    }

    /// As ``audit(_:)``, taking the findings of the families `ahead` ran on the same text and metadata.
    func audit(_ document: Document, ahead: TextAudit?) -> [Finding] {
        let report = ahead.map { AuditedReport(document, table: table, sharing: $0) } ?? AuditedReport(document, table: table)
        var seen: Set<String> = []
        return families.indices.flatMap { ahead?.findings[$0] ?? families[$0].findings(in: report) }
            .filter { seen.insert("\($0.rule)@\($0.span)").inserted }
            .sorted { ($0.span, $0.rule) < ($1.span, $1.rule) }
    }
}

/// The findings of the text-only families, by their place in the list, and what they read of the text.
struct TextAudit: Sendable {
    let scalars: [Unicode.Scalar]
    let lines: [Span]
    let year: Int?
    let isAnnualReport: Bool
    let findings: [Int: [Finding]]
}
