import AuditProcessor
import Foundation
import ReportKit
import ReportKitTesting
import Testing

@Suite("The audit table and the options")
struct AuditTableTests {
    @Test("the shipped table names every rule of the catalogue, and only those")
    func everyRuleConfigured() throws {
        let shipped = AuditFixtures.shippedText
        for id in RuleCatalogue.ids { #expect(shipped.contains("\"\(id)\" = {"), "\(id) is not in config/audit.toml") }
        #expect(Set(AuditFixtures.shipped.settings.keys) == Set(RuleCatalogue.ids))
    }

    @Test("a clean report raises nothing")
    func cleanReport() {
        let text = AuditFixtures.clean
        let document = AuditFixtures.document(text, meta: AuditFixtures.cleanMeta,
                                              sections: AuditFixtures.sections(AuditFixtures.cleanSections, in: text),
                                              metrics: [AuditFixtures.metric("4次", in: text, value: 4, unit: "次"),
                                                        AuditFixtures.metric("12件", in: text, value: 12, unit: "件")])
        #expect(AuditFixtures.findings(document) == [])
    }

    @Test("a rule switched off raises nothing; a severity set in the table is the finding's")
    func switchesAndSeverities() throws {
        var toml = AuditFixtures.shippedText
        toml = toml.replacingOccurrences(of: "\"text.doubled-word\" = { enabled = true, severity = \"error\"",
                                         with: "\"text.doubled-word\" = { enabled = false, severity = \"error\"")
        toml = toml.replacingOccurrences(of: "\"text.unbalanced-brackets\" = { enabled = true, severity = \"error\"",
                                         with: "\"text.unbalanced-brackets\" = { enabled = true, severity = \"info\"")
        let table = try AuditTable(toml: toml)
        let findings = AuditFixtures.findings(AuditFixtures.document("干部积积极参与“送法下乡活动。"), table: table)
        #expect(!findings.contains { $0.rule == "text.doubled-word" })
        #expect(findings.first { $0.rule == "text.unbalanced-brackets" }?.severity == .info)
    }

    @Test("unknown rules, options a rule does not take, bad severities and dates are refused", arguments: [
        "\"text.no-such-rule\" = { enabled = true }",
        "\"text.doubled-word\" = { min_chars = 30 }",
        "\"text.doubled-word\" = { severity = \"fatal\" }",
        "\"form.late-publication\" = { deadline = \"13-40\" }",
        "\"text.repeated-passage\" = { min_chars = 2 }",
    ])
    func badRules(line: String) {
        let toml = AuditFixtures.shippedText.replacingOccurrences(of: "[rules]\n", with: "[rules]\n\(line)\n")
        #expect(throws: AuditTableError.self) { try AuditTable(toml: Self.withoutDuplicate(toml, line: line)) }
    }

    /// The table with the rule's shipped line removed, so the test's line is its only one.
    static func withoutDuplicate(_ toml: String, line: String) -> String {
        let id = line.split(separator: "\"")[0]
        var seen = false
        return toml.split(separator: "\n", omittingEmptySubsequences: false).filter { row in
            guard row.hasPrefix("\"\(id)\" = {") else { return true }
            defer { seen = true }
            return !seen
        }.joined(separator: "\n")
    }

    @Test("a law with a date not written YYYY-MM-DD is refused")
    func badLawDate() {
        let toml = AuditFixtures.shippedText.replacingOccurrences(of: "in_force = \"1982-12-04\"", with: "in_force = \"1982年\"")
        #expect(throws: AuditTableError.self) { try AuditTable(toml: toml) }
    }

    @Test("with no rules option, audit.toml is found along the search path; a table found nowhere is an error naming the rules key")
    func searchPath() throws {
        let configDirectory = URL(fileURLWithPath: "/nonexistent-reportd")
        let environment = ProcessorEnvironment(root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-audit-test")), configDirectory: configDirectory,
                                               tableSearchPath: ShippedTables.searchPath(configDirectory: configDirectory), logger: .init(label: "test"))
        _ = try ReportAuditor(configuration: .init(), environment: environment)
        #expect(environment.tablesRead.all.map(\.file) == [ShippedTables.url("audit.toml")])
        var configuration = ReportAuditor.Configuration()
        configuration.rules = "audit-strict.toml"
        #expect { try ReportAuditor(configuration: configuration, environment: environment) } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == "rules" && error.message.contains("audit-strict.toml") && error.message.contains(ShippedTables.folder.path)
        }
    }
}
