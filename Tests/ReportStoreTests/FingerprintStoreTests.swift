import Foundation
import GRDB
import ReportKit
@testable import ReportStore
import Testing

@Suite struct FingerprintStoreTests {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprints-\(UUID().uuidString)/catalogue.sqlite")

    func fingerprint(_ id: String, bands: [Int64] = [11, 12, 13], paragraphs: [Int64] = [101, 102]) -> ReportFingerprint {
        ReportFingerprint(reportId: id, file: "\(id).txt", received: "2026-01-01T00:00:00Z", textHash: "hash-\(id)",
                          shingles: [1, 5, 9, 200], bandKeys: bands,
                          paragraphs: paragraphs.enumerated().map { ParagraphKey(key: $1, span: Span($0 * 50, $0 * 50 + 45)) })
    }


    @Test func savingTheSameReportAgainReplacesItsRowsInsteadOfAddingThem() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:a"))
        let once = try store.counts()
        #expect(once.reports == 1 && once.bands == 3 && once.paragraphs == 2)
        try store.save(fingerprint("sha256:a"))
        try store.save(batch: [fingerprint("sha256:a")])
        #expect(try store.counts() == once)
    }

    @Test func onlyProcessedReportsOtherThanTheAskerAreMatched() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:failed"))
        try store.save(fingerprint("sha256:kept"))
        try markProcessed("sha256:kept", in: catalogue)

        let found = try store.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4)
        #expect(found.candidates.map(\.reportId) == ["sha256:kept"])
        #expect(found.candidates.first?.bandHits == 3)
        #expect(found.paragraphs[101]?.reportId == "sha256:kept")
        #expect(found.paragraphs[101]?.issuer == "某区司法局")
        #expect(found.paragraphs[102]?.span == Span(50, 95))

        let itself = try store.lookup(fingerprint("sha256:kept"), perKey: 4, limit: 4)
        #expect(itself.candidates.isEmpty && itself.paragraphs.isEmpty && itself.sameText == nil)
        #expect(itself.arrival == FingerprintArrival(file: "sha256:kept.txt", received: "2026-01-01T00:00:00Z", status: "processed",
                                                     archive: "archive/sha256:kept"))
    }

    @Test func stagedFingerprintsAreMatchedAtOnceAndWrittenOnceWithTheirOutcome() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        let staged = fingerprint("sha256:staged")
        _ = try store.lookupAndStage(staged, perKey: 4, limit: 4) { _ in true }
        let found = try store.lookup(fingerprint("sha256:next"), perKey: 4, limit: 4)
        #expect(found.candidates.map(\.reportId) == ["sha256:staged"])
        #expect(found.paragraphs[101]?.reportId == "sha256:staged")
        #expect(try store.counts().reports == 0)

        try catalogue.flushStagedFingerprints()
        let written = try store.counts()
        #expect(written == (reports: 1, bands: 3, paragraphs: 2))
        #expect(catalogue.stagedFingerprints.counts == (staged: 1, unwritten: 0), "written, still pending its outcome")
        try markProcessed("sha256:staged", in: catalogue)
        #expect(try store.counts() == written, "the outcome does not write it again")
        #expect(catalogue.stagedFingerprints.counts.staged == 0)
        #expect(try store.lookup(fingerprint("sha256:next"), perKey: 4, limit: 4).candidates.map(\.reportId) == ["sha256:staged"])
    }

    @Test func everyLookupSearchesAnIndexAndScansNoTable() throws {
        let catalogue = try Catalogue(url: url)
        let statements = [
            "SELECT r.ref, r.file, r.received, c.status, c.archive FROM dedupe_report r LEFT JOIN report c ON c.id = r.reportId WHERE r.reportId = 'x'",
            "SELECT r.reportId, r.file, r.received, c.archive FROM dedupe_report r JOIN report c ON c.id = r.reportId WHERE r.textHash = 'h' AND r.reportId != 'x' AND c.status = 'processed' ORDER BY r.ref LIMIT 1",
            "SELECT ref FROM dedupe_band WHERE key = 1 ORDER BY ref DESC LIMIT 8",
            "SELECT signature FROM dedupe_report WHERE ref = 3",
            "SELECT r.reportId, r.file, r.received, c.archive FROM dedupe_report r JOIN report c ON c.id = r.reportId AND c.status = 'processed' WHERE r.ref = 3 AND r.reportId != 'x'",
            "SELECT shingles FROM dedupe_shingles WHERE ref = 3",
            "SELECT p.ref, p.start, p.\"end\" FROM dedupe_paragraph p JOIN dedupe_report r ON r.ref = p.ref JOIN report c ON c.id = r.reportId AND c.status = 'processed' WHERE p.key = 1 AND p.ref != 3 ORDER BY p.ref LIMIT 1",
            "SELECT r.reportId, c.file, c.issuer FROM dedupe_report r JOIN report c ON c.id = r.reportId AND c.status = 'processed' WHERE r.ref = 3",
            "DELETE FROM dedupe_band WHERE key = 1 AND ref = 3",
            "DELETE FROM dedupe_paragraph WHERE key = 1 AND ref = 3 AND start = 0",
            "SELECT p.seq, p.ref, r.bandKeys, r.paragraphSpans FROM dedupe_pending p JOIN dedupe_report r ON r.ref = p.ref WHERE p.seq > 5 ORDER BY p.seq",
            "SELECT r.ref, r.bandKeys, r.paragraphKeys, r.paragraphSpans, p.seq FROM dedupe_report r LEFT JOIN dedupe_pending p ON p.ref = r.ref WHERE r.reportId = 'x'",
            "SELECT generation FROM dedupe_merge WHERE id = 1",
        ]
        try catalogue.pool.read { db in
            for statement in statements {
                let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(statement)", adapter: ColumnMapping(["detail": "detail"]))
                let scans = plan.filter { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE") && !$0.contains("(subquery-") }
                #expect(plan.contains { $0.hasPrefix("SEARCH") }, "\(plan)")
                #expect(scans.isEmpty, "\(statement): \(plan)")
            }
        }
    }

    func keyRows(_ catalogue: Catalogue) throws -> (bands: Int, paragraphs: Int, pending: Int) {
        try catalogue.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_band") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_paragraph") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_pending") ?? 0)
        }
    }

    @Test func keysWaitOnTheirRowsUntilAMergeAndAreMatchedTheSameBeforeAndAfter() throws {
        let catalogue = try Catalogue(url: url, pendingMergeThreshold: 3)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:kept"))
        try markProcessed("sha256:kept", in: catalogue)
        #expect(try keyRows(catalogue) == (0, 0, 1), "the keys are on the row, listed as pending")
        let before = try store.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4)
        #expect(before.candidates.map(\.reportId) == ["sha256:kept"] && before.candidates.first?.bandHits == 3)
        #expect(before.paragraphs[102]?.span == Span(50, 95))

        #expect(try catalogue.mergePendingFingerprintKeys() == 0, "one row pending, three needed")
        try store.save(batch: [fingerprint("sha256:other", bands: [21], paragraphs: [201]), fingerprint("sha256:third", bands: [31], paragraphs: [])])
        #expect(try catalogue.mergePendingFingerprintKeys() == 3)
        #expect(try keyRows(catalogue) == (5, 3, 0))
        #expect(try store.counts() == (reports: 3, bands: 5, paragraphs: 3))
        let after = try store.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4)
        #expect(after.candidates.map(\.reportId) == ["sha256:kept"] && after.candidates.first?.bandHits == 3,
                "counted once, from the key tables only")
        #expect(after.paragraphs[102]?.span == Span(50, 95))
    }

    @Test func aMergeOfManyRowsInsertsEveryKeyOnceAcrossItsStatements() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        // 41 reports of 5 bands and 3 paragraphs: 205 band rows (three statements of 64 and 13 alone)
        // and 123 paragraph rows, every key shared by neighbours and one paragraph twice in each report.
        let reports = (0..<41).map { (number: Int) -> ReportFingerprint in
            let bands: [Int64] = (0..<5).map { Int64(1_000 + number / 2 * 10 + $0) }
            let shared = Int64(5_000 + number / 3)
            return fingerprint("sha256:\(number)", bands: bands, paragraphs: [shared, Int64(6_000 + number), shared])
        }
        try store.save(batch: reports)
        for report in reports { try markProcessed(report.reportId, in: catalogue) }
        let probe = fingerprint("sha256:probe", bands: [1_000, 1_001, 1_100], paragraphs: [5_000, 6_007])
        let before = try store.lookup(probe, perKey: 8, limit: 8)
        #expect(try store.mergePending(ifAtLeast: 1) == 41)
        #expect(try keyRows(catalogue) == (205, 123, 0))
        let after = try store.lookup(probe, perKey: 8, limit: 8)
        #expect(after.candidates.map(\.reportId).sorted() == before.candidates.map(\.reportId).sorted())
        #expect(after.candidates.filter { $0.bandHits > 0 }.map(\.reportId).sorted() == ["sha256:0", "sha256:1", "sha256:20", "sha256:21"])
        #expect(after.candidates.filter { $0.bandHits == 0 }.map(\.reportId) == ["sha256:7"], "it holds paragraph 6,007")
        #expect(after.paragraphs[5_000]?.reportId == "sha256:0" && after.paragraphs[6_007]?.reportId == "sha256:7")
        #expect(after.paragraphs.mapValues(\.reportId) == before.paragraphs.mapValues(\.reportId))
    }

    @Test func thisCataloguesMergesMoveTheKeyFilterOnWithoutReadingTheTablesAgain() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:a", bands: [11, 12], paragraphs: [101]))
        try markProcessed("sha256:a", in: catalogue)
        #expect(try store.mergePending(ifAtLeast: 1) == 1)
        #expect(try store.lookup(fingerprint("sha256:q", bands: [11], paragraphs: [101]), perKey: 4, limit: 4).candidates.count == 1)
        #expect(catalogue.mergedKeyFilter.builds == 1)
        try store.save(fingerprint("sha256:b", bands: [21, 22], paragraphs: [201]))
        try markProcessed("sha256:b", in: catalogue)
        #expect(try store.mergePending(ifAtLeast: 1) == 1)
        let found = try store.lookup(fingerprint("sha256:q", bands: [21], paragraphs: [201]), perKey: 4, limit: 4)
        #expect(found.candidates.map(\.reportId) == ["sha256:b"] && found.paragraphs[201]?.reportId == "sha256:b",
                "the merged keys are in the filter")
        #expect(catalogue.mergedKeyFilter.builds == 1, "moved on by the merge, not read again")
        let absent = try store.lookup(fingerprint("sha256:q", bands: [31], paragraphs: [301]), perKey: 4, limit: 4)
        #expect(absent.candidates.isEmpty && absent.paragraphs.isEmpty)
    }

    @Test func aLookupSeesWhatAnotherConnectionWroteAndMergedSinceItsLastLookup() throws {
        let writer = try Catalogue(url: url)
        let reader = try Catalogue(url: url)
        let readerStore = FingerprintStore(catalogue: reader)
        #expect(try readerStore.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4).candidates.isEmpty)
        try FingerprintStore(catalogue: writer).save(fingerprint("sha256:kept"))
        try markProcessed("sha256:kept", in: writer)
        let pending = try readerStore.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4)
        #expect(pending.candidates.map(\.bandHits) == [3] && pending.paragraphs[101]?.reportId == "sha256:kept")
        #expect(try FingerprintStore(catalogue: writer).mergePending(ifAtLeast: 1) == 1)
        let merged = try readerStore.lookup(fingerprint("sha256:new"), perKey: 4, limit: 4)
        #expect(merged.candidates.map(\.bandHits) == [3], "the reader dropped its index of the merged rows")
        #expect(merged.paragraphs[101]?.reportId == "sha256:kept")
    }

    @Test func aReportWrittenAgainReplacesItsKeysWhetherPendingOrMerged() throws {
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:a", bands: [11, 12, 13], paragraphs: [101]))
        try markProcessed("sha256:a", in: catalogue)
        #expect(try store.lookup(fingerprint("sha256:q", bands: [11, 12, 13]), perKey: 4, limit: 4).candidates.count == 1)
        try store.save(fingerprint("sha256:a", bands: [21, 22], paragraphs: [201]))
        let pendingOld = try store.lookup(fingerprint("sha256:q", bands: [11, 12, 13], paragraphs: [101]), perKey: 4, limit: 4)
        #expect(pendingOld.candidates.isEmpty && pendingOld.paragraphs.isEmpty, "the old pending keys are gone")
        #expect(try store.lookup(fingerprint("sha256:q", bands: [21, 22]), perKey: 4, limit: 4).candidates.map(\.bandHits) == [2])

        #expect(try store.mergePending(ifAtLeast: 1) == 1)
        try store.save(fingerprint("sha256:a", bands: [31], paragraphs: [301]))
        #expect(try keyRows(catalogue) == (0, 0, 1), "the merged rows of the earlier run are deleted")
        #expect(try store.counts() == (reports: 1, bands: 1, paragraphs: 1))
        #expect(try store.lookup(fingerprint("sha256:q", bands: [21, 22]), perKey: 4, limit: 4).candidates.isEmpty)
        #expect(try store.lookup(fingerprint("sha256:q", bands: [31], paragraphs: [301]), perKey: 4, limit: 4).paragraphs[301]?.reportId == "sha256:a")
    }
}
