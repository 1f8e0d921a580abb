import Foundation
import ReportKit
@testable import ReportStore
import Testing

/// Reports found as near candidates because they hold one of the report's paragraphs, not by a band key.
@Suite struct ParagraphCandidateTests {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("paragraph-candidates-\(UUID().uuidString)/catalogue.sqlite")
    let base = (0..<128).map { UInt32($0 * 13 + 1) }
    let screen = CandidateScreen(minimumAgreement: 0.2, rowsPerBand: 4)

    func signature(agreeingOn agreeing: Int) -> [UInt32] {
        base.enumerated().map { $0 < agreeing ? $1 : $1 &+ 1 }
    }

    func fingerprint(_ id: String, agreeing: Int, bands: [Int64], paragraphs: [Int64]) -> ReportFingerprint {
        ReportFingerprint(reportId: id, file: "\(id).txt", received: "2026-01-01T00:00:00Z", textHash: "hash-\(id)",
                          shingles: [2, 4, 8], signature: signature(agreeingOn: agreeing), bandKeys: bands,
                          paragraphs: paragraphs.enumerated().map { ParagraphKey(key: $1, span: Span($0 * 60, $0 * 60 + 50)) })
    }


    @Test func aReportHoldingAParagraphIsACandidateThoughNoBandMatched() throws {
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        try store.save(fingerprint("sha256:edited", agreeing: 60, bands: [1, 2], paragraphs: [500, 501]))
        try store.save(fingerprint("sha256:boilerplate", agreeing: 3, bands: [3, 4], paragraphs: [502]))
        try markProcessed("sha256:edited", in: catalogue)
        try markProcessed("sha256:boilerplate", in: catalogue)

        let found = try store.lookup(fingerprint("sha256:probe", agreeing: 128, bands: [7, 8], paragraphs: [500, 502]),
                                     perKey: 4, limit: 4, screen: screen)
        #expect(found.candidates.map(\.reportId) == ["sha256:edited"], "the one agreeing on 3 values is not read")
        #expect(found.candidates.first?.bandHits == 0)
        #expect(found.candidates.first?.agreement == 60.0 / 128, "no band selected it: nothing is left out")
        #expect(found.paragraphs[502]?.reportId == "sha256:boilerplate", "still reported as a shared paragraph")
    }

    @Test func aStagedReportHoldingAParagraphIsACandidateToo() throws {
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        _ = try store.lookupAndStage(fingerprint("sha256:staged", agreeing: 60, bands: [1, 2], paragraphs: [500]),
                                     perKey: 4, limit: 4) { _ in true }
        let found = try store.lookup(fingerprint("sha256:probe", agreeing: 128, bands: [7, 8], paragraphs: [500]),
                                     perKey: 4, limit: 4, screen: screen)
        #expect(found.candidates.map(\.reportId) == ["sha256:staged"])
        #expect(found.candidates.first?.bandHits == 0)
    }

    @Test func bandCandidatesComeFirstAndEachKindIsLimited() throws {
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        for index in 0..<3 {
            try store.save(fingerprint("sha256:band\(index)", agreeing: 70, bands: [7, Int64(100 + index)], paragraphs: []))
            try store.save(fingerprint("sha256:para\(index)", agreeing: 70, bands: [Int64(200 + index)], paragraphs: [Int64(600 + index)]))
            try markProcessed("sha256:band\(index)", in: catalogue)
            try markProcessed("sha256:para\(index)", in: catalogue)
        }
        let found = try store.lookup(fingerprint("sha256:probe", agreeing: 128, bands: [7, 8], paragraphs: [600, 601, 602]),
                                     perKey: 4, limit: 2, screen: screen)
        #expect(found.candidates.count == 4)
        #expect(found.candidates.prefix(2).allSatisfy { $0.bandHits == 1 && $0.reportId.hasPrefix("sha256:band") })
        #expect(found.candidates.suffix(2).allSatisfy { $0.bandHits == 0 && $0.reportId.hasPrefix("sha256:para") })
    }
}
