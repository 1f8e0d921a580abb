import Foundation
import ReportKit
@testable import ReportStore
import Testing

@Suite struct CandidateScreenTests {
    /// A 128-value signature equal to `base` on the first `agreeing` positions and different elsewhere.
    func signature(agreeingOn agreeing: Int, with base: [UInt32]) -> [UInt32] {
        base.enumerated().map { $0 < agreeing ? $1 : $1 &+ 1 }
    }

    let base = (0..<128).map { UInt32($0 * 7 + 3) }

    @Test func theBandThatSelectedACandidateDoesNotCountAsAgreement() {
        let screen = CandidateScreen(minimumAgreement: 0.2, rowsPerBand: 4)
        #expect(screen.agreement(base, signature(agreeingOn: 4, with: base)) == 0)
        #expect(screen.agreement(base, signature(agreeingOn: 36, with: base)) == 32.0 / 124)
        #expect(screen.agreement(base, base) == 1)
        #expect(CandidateScreen.none.agreement(base, signature(agreeingOn: 36, with: base)) == 36.0 / 128)
        #expect(screen.agreement(base, []) == 1, "a signature written before signatures were kept is read")
    }

    @Test func aCandidateSharingOnlyItsBandIsNotReadAndOneThatAgreesIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("screen-\(UUID().uuidString)/catalogue.sqlite")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let catalogue = try Catalogue(url: url)
        let store = FingerprintStore(catalogue: catalogue)
        func fingerprint(_ id: String, signature: [UInt32], bands: [Int64]) -> ReportFingerprint {
            ReportFingerprint(reportId: id, file: "\(id).txt", received: "2026-01-01T00:00:00Z", textHash: "hash-\(id)",
                              shingles: [1, 5, 9], signature: signature, bandKeys: bands, paragraphs: [])
        }
        // Both share the probe's first band key, as two reports sharing the first four values would.
        for (id, agreeing) in [("sha256:chance", 4), ("sha256:similar", 4 + 50)] {
            let stored = fingerprint(id, signature: signature(agreeingOn: agreeing, with: base), bands: [11, Int64(id.count)])
            _ = try store.lookupAndStage(stored, perKey: 4, limit: 4) { _ in true }
            try catalogue.flushStagedFingerprints()
            try markProcessed(id, in: catalogue)
        }
        let probe = fingerprint("sha256:probe", signature: base, bands: [11, 99])
        let screened = try store.lookup(probe, perKey: 4, limit: 4, screen: CandidateScreen(minimumAgreement: 0.2, rowsPerBand: 4))
        #expect(screened.candidates.map(\.reportId) == ["sha256:similar"])
        #expect(screened.candidates.first?.agreement == 50.0 / 124)
        let unscreened = try store.lookup(probe, perKey: 4, limit: 4)
        #expect(Set(unscreened.candidates.map(\.reportId)) == ["sha256:chance", "sha256:similar"])
    }
}
