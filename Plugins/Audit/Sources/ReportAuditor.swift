import Foundation
import ReportKit

/// Raises the findings a careful reviewer would mark: structure, required content, arithmetic,
/// consistency, text, citations, quantities and form, each rule switchable and tunable in config/audit.toml.
public struct ReportAuditor: Processor {
    public static let name = "audit"
    public static let version = "1.0.0"

    /// Options of the audit step, from `[processors.audit]`.
    public struct Configuration: ProcessorConfiguration {
        /// The table read when `rules` is not given, if it is beside the config file.
        public static let rulesBesideConfig = "audit.toml"

        /// The rules and tables, relative to the config file's folder. When nil: audit.toml beside
        /// the config if there is one, else the built-in table.
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

    public init(table: AuditTable = .builtIn) {
        self.table = table
    }

    /// Builds the auditor with the table the configuration names, read from beside the config file.
    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        let url = environment.resolve(configuration.rules ?? Configuration.rulesBesideConfig)
        if configuration.rules == nil, !FileManager.default.fileExists(atPath: url.path) {
            environment.logger.notice("no audit table beside the config; audit uses the built-in one",
                                      metadata: ["audit.rules": "\(url.path)"])
            table = .builtIn
        } else {
            do {
                table = try AuditTable.load(from: url)
            } catch let error as AuditTableError {
                throw ConfigurationError(key: "rules", error.message)
            }
        }
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.findings += audit(document)
        return .proceed
    }

    /// The findings of every enabled rule on `document`, in text order.
    public func audit(_ document: Document) -> [Finding] {
        let report = AuditedReport(document, table: table)
        var seen: Set<String> = []
        return families.flatMap { $0.findings(in: report) }
            .filter { seen.insert("\($0.rule)@\($0.span)").inserted }
            .sorted { ($0.span, $0.rule) < ($1.span, $1.rule) }
    }
}
