import DedupeProcessor
import Foundation
import Logging
import ReportKit
import ReportStore

/// Grows a catalogue with synthetic fingerprints and times the dedupe step on real reports at each size.
struct ScaleProbe {
    let catalogue: Catalogue
    let detector: DuplicateDetector
    var random = SeededGenerator(seed: 99)
    private(set) var size = 0

    init(folder: URL, configuration: DedupeConfiguration) throws {
        let catalogue = try Catalogue(url: folder.appendingPathComponent("scale-\(UUID().uuidString).sqlite"))
        self.catalogue = catalogue
        detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
    }

    /// Adds synthetic processed reports until the catalogue holds `target`, in transactions of 20,000.
    mutating func grow(to target: Int, bands: Int) throws {
        let store = FingerprintStore(catalogue: catalogue)
        while size < target {
            let batch = min(20_000, target - size)
            var fingerprints: [ReportFingerprint] = []
            var rows: [(receipt: Receipt, document: Document)] = []
            fingerprints.reserveCapacity(batch)
            for index in size..<(size + batch) {
                let id = "sha256:synthetic-\(index)"
                let shingles = (0..<64).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }.sorted()
                fingerprints.append(ReportFingerprint(
                    reportId: id, file: "synthetic-\(index).txt", received: "2025-01-01T00:00:00Z",
                    textHash: String(random.next(), radix: 16) + String(random.next(), radix: 16), shingles: shingles,
                    bandKeys: (0..<bands).map { _ in Int64(bitPattern: random.next()) },
                    paragraphs: (0..<5).map { part in ParagraphKey(key: Int64(bitPattern: random.next()), span: Span(part * 100, part * 100 + 80)) }))
                let document = Document(id: id, source: Source(name: "synthetic-\(index).txt", bytes: 0, format: "txt",
                                                                 encoding: "utf-8", received: "2025-01-01T00:00:00Z"),
                                        text: "", original: Data())
                rows.append((Receipt(status: "processed", file: document.source.name, id: id, archive: "archive/\(index)",
                                     document: document, duplicateOf: nil, reason: nil, at: Date()), document))
            }
            try catalogue.recordAll(rows)
            try store.save(batch: fingerprints)
            size += batch
        }
    }

    /// Microseconds per report of the dedupe step (median, mean) over `probes`, none of which is recorded.
    func time(_ probes: [LabelledReport], round: Int) async throws -> (median: Double, mean: Double, cpuMean: Double) {
        let context = ProcessingContext(logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let clock = ContinuousClock()
        var costs: [Double] = []
        let cpuStarted = processorSeconds()
        for (index, probe) in probes.enumerated() {
            var document = CorpusRun.document(probe, index: index, salt: "probe\(round)-")
            let started = clock.now
            _ = try await detector.process(&document, context: context)
            costs.append((clock.now - started).seconds * 1e6)
        }
        let cpuMean = (processorSeconds() - cpuStarted) * 1e6 / Double(probes.count)
        costs.sort()
        return (costs[costs.count / 2], costs.reduce(0, +) / Double(costs.count), cpuMean)
    }
}

/// The resident set size of this process, in megabytes.
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * 4096 / 1_048_576
}
