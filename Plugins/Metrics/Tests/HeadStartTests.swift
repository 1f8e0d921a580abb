import MetricsProcessor
import ReportKit
import ReportKitTesting
import Testing

/// The metrics are scanned beside dedupe; what the chain files must be the metrics of the text the step is given.
@Suite struct MetricsHeadStartTests {
    static let first = "全年办理行政复议案件12件，开展普法活动30余场，培训干部200人次。"
    static let second = "全年收到投诉7件，办结率达到100%，节约经费1.5万元。"

    @Test func theChainFilesTheMetricsOfTheTextAsRead() async {
        let result = await EmbeddedPipeline([Shipped.scanner]).feed(Self.first)
        #expect(result.document.metrics.count == 3)
        #expect(result.document.metrics == Shipped.scanner.scan(Self.first))
    }

    @Test func aTextChangedBeforeTheStepIsScannedAgain() async {
        let result = await EmbeddedPipeline([RewritingStep(text: Self.second), Shipped.scanner]).feed(Self.first)
        #expect(result.document.metrics == Shipped.scanner.scan(Self.second))
        #expect(result.document.metrics.map(\.value) == [7, 100, 1.5])
    }
}
