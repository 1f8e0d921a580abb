import ReportKit
@testable import ReportStore
import Testing

@Suite struct StagedFingerprintsTests {
    func fingerprint(_ number: Int) -> ReportFingerprint {
        // Keys shared by neighbours, so that every lookup meets live and released holders alike.
        let bands = (0..<16).map { Int64(number / 3 * 100 + $0) } + [Int64(number / 3 * 100)]
        let paragraphs = (0..<6).map { ParagraphKey(key: Int64(10_000 + number / 7 * 10 + $0), span: Span(number, number + $0 + 1)) }
        return ReportFingerprint(reportId: "sha256:\(number)", file: "\(number).txt", received: "2026-01-01T00:00:00Z",
                                 textHash: "text-\(number / 4)", shingles: [], bandKeys: bands, paragraphs: paragraphs)
    }

    /// What `matches(for:)` should say, worked out from the live fingerprints alone.
    func expected(for probe: ReportFingerprint, live: [Int: ReportFingerprint]) -> (hits: [String: Int], paragraphs: [Int64: String]) {
        let others = live.filter { $0.value.reportId != probe.reportId }.sorted { $0.key < $1.key }.map(\.value)
        var hits: [String: Int] = [:]
        for other in others {
            let shared = Set(probe.bandKeys).intersection(other.bandKeys).count
            if shared > 0 { hits[other.reportId] = shared }
        }
        var paragraphs: [Int64: String] = [:]
        for paragraph in probe.paragraphs where paragraphs[paragraph.key] == nil {
            paragraphs[paragraph.key] = others.first { $0.paragraphs.contains { $0.key == paragraph.key } }?.reportId
        }
        return (hits, paragraphs)
    }

    @Test func aReleasedFingerprintIsNeverMatchedAndTheEarliestHolderIsNamed() {
        let staged = StagedFingerprints(flushThreshold: 100_000)
        var live: [Int: ReportFingerprint] = [:]
        var generator = SystemRandomNumberGenerator()
        // 1,500 stagings and about 1,100 releases in random order, against neighbours that share keys.
        for number in 0..<1_500 {
            staged.stage(fingerprint(number))
            live[number] = fingerprint(number)
            if number % 4 != 3, let released = live.keys.randomElement(using: &generator) {
                staged.release(live.removeValue(forKey: released)!)
            }
            guard number % 50 == 0 else { continue }
            for probe in [fingerprint(number), fingerprint(number + 1)] {
                let matches = staged.matches(for: probe)
                let want = expected(for: probe, live: live)
                #expect(Dictionary(uniqueKeysWithValues: matches.candidates.map { ($0.fingerprint.reportId, $0.bandHits) }) == want.hits)
                #expect(matches.paragraphs.mapValues(\.holder.reportId) == want.paragraphs.compactMapValues { $0 })
            }
        }
        #expect(staged.counts.staged == live.count)
    }
}
