import Foundation
import ReportKit
import ReportKitTesting
import ReportViews
import Testing

@Suite struct MillisecondsTests {
    @Test func twoDecimalsAsPrintfWritesThemAwayFromTies() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // Hundredths plus an offset that keeps clear of the half-way point, where the two round differently.
            let value = Double(Int.random(in: 0...2_000_000, using: &generator)) / 100 + Double.random(in: -0.004...0.004, using: &generator)
            guard value >= 0 else { continue }
            #expect(Milliseconds.text(value) == String(format: "%.2f", value), "\(value)")
        }
        #expect(Milliseconds.text(0) == "0.00" && Milliseconds.text(12) == "12.00" && Milliseconds.text(0.5) == "0.50")
    }

    @Test func aStepThatWaitedShowsTheWaitApart() {
        #expect(Milliseconds.text(of: Provenance(processor: "dedupe", version: "1", ms: 0.52)) == "0.52")
        #expect(Milliseconds.text(of: Provenance(processor: "dedupe", version: "1", ms: 0.52, waitedMs: 0.3)) == "0.52 (+0.30 waiting)")
    }

    @Test func thePagesProvenanceTableShowsTheWait() throws {
        var document = ReportPageTests.hostileDocument()
        document.provenance = [Provenance(processor: "dedupe", version: "1.0.0", ms: 0.52, waitedMs: 0.3),
                               Provenance(processor: "metrics", version: "1.0.0", ms: 1.5)]
        let page = try XHTMLPage(ReportPage.render(document, duplicateHref: nil))
        let table = try #require(page.element(id: "provenance"))
        #expect(table.text.contains("0.52 (+0.30 waiting)") && table.text.contains("1.50"))
    }
}
