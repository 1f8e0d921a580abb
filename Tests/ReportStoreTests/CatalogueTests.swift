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

    @Test func usesWriteAheadLogging() throws {
        _ = try Catalogue(url: file)
        // SQLite file header bytes 18 and 19 are the read and write format versions: 2 means WAL.
        let header = try Data(contentsOf: file).prefix(20)
        #expect(header.starts(with: Data("SQLite format 3\0".utf8)))
        #expect(Array(header.suffix(2)) == [2, 2])
    }
}
