import AuditProcessor
import ReportKit
import ReportKitTesting
import Testing

/// The families that read only the text and metadata run beside the steps before audit; what the chain
/// files must be what `audit` finds on the document the step is given.
@Suite struct AuditHeadStartTests {
    static let auditor = ReportAuditor(table: AuditFixtures.shipped)

    @Test func theChainFindsWhatAuditFindsOnTheDocument() async {
        let raising = "青禾县农业农村局2023年法治政府建设工作报告\n一、工作情况\n局机关干部积积极参加学习《合同法》,效果明显 。\n三、下一步打算\n开展“送法下乡活动。"
        for document in [
            AuditFixtures.document(AuditFixtures.clean, meta: AuditFixtures.cleanMeta,
                                   sections: AuditFixtures.sections(AuditFixtures.cleanSections, in: AuditFixtures.clean)),
            AuditFixtures.document(raising, meta: Metadata(issuer: "青禾县农业农村局", year: 2023)),
        ] {
            let result = await EmbeddedPipeline([Self.auditor]).feed(document)
            #expect(result.document.findings == Self.auditor.audit(document))
        }
        let raised = await EmbeddedPipeline([Self.auditor]).feed(AuditFixtures.document(raising, meta: Metadata(year: 2023)))
        #expect(Set(raised.document.findings.map(\.rule)).isSuperset(of: ["text.doubled-word", "citation.repealed", "text.stray-space"]))
    }

    @Test func aTextOrMetadataChangedBeforeTheStepIsAuditedAgain() async {
        let doubled = AuditFixtures.document("局机关干部积积极参加学习《合同法》。", meta: Metadata(year: 2023))
        let rewritten = await EmbeddedPipeline([RewritingStep(text: "局机关干部积极参加学习《民法典》。"), Self.auditor]).feed(doubled)
        #expect(!rewritten.document.findings.contains { $0.rule == "text.doubled-word" || $0.rule == "citation.repealed" })
        // 《合同法》 was in force in 2019: the year the metadata gives decides the citation rule.
        let earlier = await EmbeddedPipeline([RewritingStep(meta: Metadata(year: 2019)), Self.auditor]).feed(doubled)
        #expect(earlier.document.findings.contains { $0.rule == "text.doubled-word" })
        #expect(!earlier.document.findings.contains { $0.rule == "citation.repealed" })
    }
}
