import Foundation
import ReportKit
import ReportKitTesting
import ReportStore
import ReportViews
import Testing

@Suite struct OutboxIndexTests {
    let root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("views-index-\(UUID().uuidString)"))

    func document(_ id: String, issuer: String, metrics: Int, findings: Int) -> Document {
        var document = Document(id: id, source: Source(name: "\(id.suffix(2)).txt", bytes: 10, format: "txt", encoding: "utf-8",
                                                       received: "2024-01-01T00:00:00Z"),
                                meta: Metadata(issuer: issuer, year: 2023, date: nil, title: "\(issuer)<年度>报告"),
                                text: String(repeating: "一", count: 40), original: Data())
        document.metrics = (0..<metrics).map { Metric(value: Double($0), unit: "件", kind: .count, span: Span($0, $0 + 1), text: "一") }
        document.findings = (0..<findings).map {
            Finding(rule: "r\($0)", severity: .warning, message: "意见", span: Span($0, $0 + 1), excerpt: "一")
        }
        return document
    }

    @Test func theIndexListsEachOutcomeWithStatusCountsLinksAndReasons() throws {
        try root.create()
        let catalogue = try Catalogue(url: root.catalogue)
        let first = document("sha256:a1", issuer: "甲局", metrics: 3, findings: 2)
        try catalogue.record(receipt: Receipt(status: "processed", file: "a1.txt", id: first.id, archive: "archive/甲局/2023/a1",
                                              document: first, duplicateOf: nil, reason: nil, at: Date(timeIntervalSince1970: 1)),
                             document: first)
        var copy = document("sha256:b2", issuer: "乙局", metrics: 0, findings: 0)
        copy.duplicate = DuplicateReference(of: first.id, kind: .text, similarity: 1)
        try catalogue.record(receipt: Receipt(status: "duplicate", file: "b2.txt", id: copy.id, archive: nil, document: copy,
                                              duplicateOf: first.id, reason: nil, at: Date(timeIntervalSince1970: 2)),
                             document: copy)
        var again = first
        again.source.name = "a1(1).txt"
        again.duplicate = DuplicateReference(of: nil, kind: .exact, similarity: 1)
        try catalogue.record(receipt: Receipt(status: "duplicate", file: "a1(1).txt", id: first.id, archive: "archive/甲局/2023/a1",
                                              document: again, duplicateOf: nil, reason: nil, at: Date(timeIntervalSince1970: 2.5)),
                             document: again)
        try catalogue.record(receipt: Receipt(status: "failed", file: "坏<文件>.pdf", id: nil, archive: nil, document: nil, duplicateOf: nil,
                                              reason: "intake: 不支持的格式 & \"pdf\"", at: Date(timeIntervalSince1970: 3)),
                             document: nil)
        try OutboxIndex.refresh(root: root, catalogue: catalogue)
        let html = try String(contentsOf: root.outbox.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("http:") && !html.contains("<script"))
        let page = try XHTMLPage(html)
        let rows = page.all("tr").filter { $0.attributes["data-id"] != nil }
        // Arrivals, newest first: the same bytes again is a line of its own naming the first arrival.
        #expect(rows.map { $0.attributes["data-id"] } == ["sha256:a1", "sha256:b2", "sha256:a1"])
        #expect(rows.map { $0.attributes["class"] } == ["report status-duplicate", "report status-duplicate", "report status-processed"])
        #expect(rows[0].text.contains("a1(1).txt") && rows[0].text.contains("与先到的 a1.txt 字节相同"), "\(rows[0].text)")
        #expect(rows[1].text.contains("重复于 a1.txt"), "\(rows[1].text)")
        #expect(rows[2].text.contains("甲局<年度>报告") && rows[2].text.contains("3") && rows[2].text.contains("2"))
        #expect(page.all("a").contains { $0.attributes["href"] == "../archive/%E7%94%B2%E5%B1%80/2023/a1/report.html" })
        let failures = page.all("tr").filter { $0.attributes["class"] == "failure" }
        #expect(failures.count == 1)
        #expect(failures.first?.text.contains("坏<文件>.pdf") == true)
        #expect(failures.first?.text.contains("intake: 不支持的格式 & \"pdf\"") == true)
        #expect(page.element(id: "total-failed")?.text.contains("1") == true)
        #expect(page.element(id: "total-metrics")?.text.contains("3") == true)
        #expect(page.element(id: "total-findings")?.text.contains("2") == true)
        try expectKeptCountsAgree(catalogue)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.outbox.path)
        #expect(leftovers == ["index.html"])
    }

    @Test func detailsAreReplacedOnReprocessingAndExportedWithTheReport() throws {
        try root.create()
        let catalogue = try Catalogue(url: root.catalogue)
        for metrics in [4, 2] {
            let report = document("sha256:c3", issuer: "丙局", metrics: metrics, findings: metrics)
            try catalogue.record(receipt: Receipt(status: "processed", file: "c3.txt", id: report.id, archive: nil, document: report,
                                                  duplicateOf: nil, reason: nil, at: Date()), document: report)
        }
        var rows: [[CellValue]] = []
        try catalogue.export(.metrics, filter: ExportFilter()) { rows.append($0) }
        #expect(rows.count == 2)
        #expect(rows.first?.count == CatalogueExport.metrics.columns.count)
        #expect(rows.first?[2] == .text("丙局"))
        var none = 0
        try catalogue.export(.findings, filter: ExportFilter(issuer: "丁局")) { _ in none += 1 }
        #expect(none == 0)
        var findings = 0
        try catalogue.export(.findings, filter: ExportFilter(issuer: "丙局", year: 2023)) { _ in findings += 1 }
        #expect(findings == 2)
        #expect(try catalogue.totals().metrics == 2)
        try expectKeptCountsAgree(catalogue)
    }

    /// The counts the triggers keep equal the rows counted one by one (a status whose count fell to 0 may stay listed).
    func expectKeptCountsAgree(_ catalogue: Catalogue, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var kept = try catalogue.totals()
        kept.outcomes = kept.outcomes.filter { $0.value != 0 }
        kept.reports = kept.reports.filter { $0.value != 0 }
        #expect(kept == (try catalogue.countedTotals()), sourceLocation: sourceLocation)
    }

    @Test func keptCountsFollowStatusChangesAndDeletions() throws {
        try root.create()
        let catalogue = try Catalogue(url: root.catalogue)
        let report = document("sha256:d4", issuer: "丁局", metrics: 3, findings: 1)
        var receipt = Receipt(status: "duplicate", file: "d4.txt", id: report.id, archive: nil, document: report,
                              duplicateOf: "sha256:other", reason: nil, at: Date())
        try catalogue.record(receipt: receipt, document: report)
        try expectKeptCountsAgree(catalogue)
        #expect(try catalogue.totals().reports["duplicate"] == 1)
        receipt.status = "processed"
        receipt.duplicateOf = nil
        try catalogue.record(receipt: receipt, document: report)
        try expectKeptCountsAgree(catalogue)
        #expect(try catalogue.totals().reports["duplicate", default: 0] == 0)
        #expect(try catalogue.totals().reports["processed"] == 1)
        try catalogue.recordAll([(receipt, document("sha256:d4", issuer: "丁局", metrics: 1, findings: 0))])
        try expectKeptCountsAgree(catalogue)
        #expect(try catalogue.totals().metrics == 1)
    }
}
