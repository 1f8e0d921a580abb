import Foundation
import ReportKit
import ReportStore
import Testing

@Suite struct CatalogueTests {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)/catalogue.sqlite")

    func document(_ id: String) -> Document {
        var document = Document(
            id: id,
            source: Source(name: "a.txt", bytes: 3, format: "txt", encoding: "utf-8", received: "2026-01-01T00:00:00Z"),
            text: "abc", original: Data("abc".utf8))
        document.meta = Metadata(issuer: "某县科学技术局", year: 2023, date: nil, title: nil)
        return document
    }

    @Test func recordsReportsAndEveryOutcomeInARealSQLiteFile() throws {
        let catalogue = try Catalogue(url: file)
        let first = Receipt(status: "processed", file: "a.txt", id: "sha256:1", archive: "archive/x", document: document("sha256:1"),
                            duplicateOf: nil, reason: nil, at: Date(timeIntervalSince1970: 0))
        try catalogue.record(receipt: first, document: document("sha256:1"))
        let failed = Receipt(status: "failed", file: "b.bin", id: nil, archive: nil, document: nil,
                             duplicateOf: nil, reason: "the file is binary", at: Date(timeIntervalSince1970: 10))
        try catalogue.record(receipt: failed, document: nil)

        let reopened = try Catalogue(url: file)
        let row = try #require(try reopened.report(id: "sha256:1"))
        #expect(row.issuer == "某县科学技术局")
        #expect(row.year == 2023)
        #expect(row.status == "processed")
        #expect(try reopened.outcomeCounts() == ["processed": 1, "failed": 1])
        #expect(try reopened.lastFailures(limit: 5).map(\.reason) == ["the file is binary"])
    }

    @Test func reprocessingKeepsOneRowAndItsFirstSighting() throws {
        let catalogue = try Catalogue(url: file)
        for second in [0.0, 100.0] {
            let receipt = Receipt(status: "processed", file: "a.txt", id: "sha256:1", archive: nil, document: document("sha256:1"),
                                  duplicateOf: nil, reason: nil, at: Date(timeIntervalSince1970: second))
            try catalogue.record(receipt: receipt, document: document("sha256:1"))
        }
        let rows = try catalogue.reports()
        #expect(rows.count == 1)
        #expect(rows[0].firstSeen.hasPrefix("1970-01-01T00:00:00"))
        #expect(rows[0].lastSeen.hasPrefix("1970-01-01T00:01:40"))
        #expect(try catalogue.outcomes().count == 2)
    }

    @Test func aReportRecordedAgainHasItsMetricsAndFindingsReplacedNotAdded() throws {
        let catalogue = try Catalogue(url: file)
        func record(_ id: String, metrics: Int, findings: Int) throws {
            var document = document(id)
            document.metrics = (0..<metrics).map { Metric(value: Double($0), unit: "件", kind: .count, counted: nil, span: Span($0, $0 + 1), text: "\($0)件") }
            document.findings = (0..<findings).map { Finding(rule: "text.test", severity: .info, message: "m\($0)", span: Span(0, 1), excerpt: "a") }
            try catalogue.record(receipt: Receipt(status: "processed", file: "a.txt", id: id, archive: nil, document: document,
                                                  duplicateOf: nil, reason: nil, at: Date()), document: document)
        }
        try record("sha256:1", metrics: 3, findings: 2)
        try record("sha256:2", metrics: 1, findings: 1)
        try record("sha256:1", metrics: 2, findings: 4)
        var rows: [[CellValue]] = []
        try catalogue.export(.metrics, filter: ExportFilter()) { rows.append($0) }
        #expect(rows.count == 3)
        #expect(try catalogue.countedTotals().metrics == 3)
        #expect(try catalogue.countedTotals().findings == 5)
        #expect(try catalogue.totals().metrics == 3)
        #expect(try catalogue.totals().findings == 5)
    }

    @Test func usesWriteAheadLogging() throws {
        _ = try Catalogue(url: file)
        // SQLite file header bytes 18 and 19 are the read and write format versions: 2 means WAL.
        let header = try Data(contentsOf: file).prefix(20)
        #expect(header.starts(with: Data("SQLite format 3\0".utf8)))
        #expect(Array(header.suffix(2)) == [2, 2])
    }
}
