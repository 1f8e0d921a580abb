import DedupeProcessor
import Foundation
import Logging
import ReportKit
import ReportStore

/// What dedupe said about one report of the corpus.
struct Verdict {
    var report: LabelledReport
    var duplicate: DuplicateReference?
    /// Whether a report of the same family arrived before this one.
    var hasEarlierRelative: Bool
}

/// Runs the corpus through the dedupe step over a fresh catalogue, recording outcomes as the report flow does.
struct CorpusRun {
    var verdicts: [Verdict] = []
    /// Wall time spent in the dedupe step, its fingerprint writes and key merges.
    var dedupeSeconds: Double = 0
    /// CPU time of the process (all threads) during the dedupe step, its fingerprint writes and key
    /// merges: what one core spends on dedupe.
    var dedupeCPUSeconds: Double = 0

    /// Fingerprints are written `batch` reports a transaction, as the daemon's group commit does, and
    /// their keys merged once 256 rows are pending, as its commit thread does; the timed part is the
    /// dedupe step, those writes and those merges, each also timed on its own. The outcomes (report
    /// rows) are recorded after each flush, untimed: they are the report flow's writes, not dedupe's.
    init(corpus: [LabelledReport], configuration: DedupeConfiguration, folder: URL, batch: Int = 128) async throws {
        // The merges are the bench's to make and time, so the catalogue never makes them in a flush.
        let catalogue = try Catalogue(url: folder.appendingPathComponent("corpus-\(UUID().uuidString).sqlite"),
                                      pendingMergeThreshold: .max)
        let store = FingerprintStore(catalogue: catalogue)
        self.catalogue = catalogue
        let detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
        let context = ProcessingContext(logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        var seenFamilies = Set<Int>()
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var cpu = 0.0
        var outcomes: [(receipt: Receipt, document: Document)] = []
        for (index, report) in corpus.enumerated() {
            var document = Self.document(report, index: index)
            let started = clock.now
            let cpuStarted = processorSeconds()
            let flow = try await detector.process(&document, context: context)
            let stopped = flow == .stop
            outcomes.append((Receipt(status: stopped ? "duplicate" : "processed", file: report.name, id: document.id,
                                     archive: stopped ? nil : "archive/\(document.digest)", document: document,
                                     duplicateOf: stopped ? document.duplicate?.of : nil, reason: nil, at: Date()),
                             document))
            stepCPUSeconds += processorSeconds() - cpuStarted
            let flushes = outcomes.count == batch || index == corpus.count - 1
            let flushStarted = processorSeconds()
            if flushes { try catalogue.flushStagedFingerprints() }
            let mergeStarted = processorSeconds()
            flushCPUSeconds += mergeStarted - flushStarted
            if flushes { try store.mergePending(ifAtLeast: Catalogue.defaultPendingMergeThreshold) }
            mergeCPUSeconds += processorSeconds() - mergeStarted
            cpu += processorSeconds() - cpuStarted
            elapsed += clock.now - started
            if flushes {
                try catalogue.recordAll(outcomes)
                outcomes.removeAll(keepingCapacity: true)
            }
            verdicts.append(Verdict(report: report, duplicate: document.duplicate,
                                    hasEarlierRelative: seenFamilies.contains(report.family)))
            seenFamilies.insert(report.family)
            if document.duplicate?.of == document.id { selfDuplicates += 1 }
            familyById[document.id] = report.family
        }
        dedupeSeconds = elapsed.seconds
        dedupeCPUSeconds = cpu
        staged = catalogue.stagedFingerprints.counts.staged
    }

    /// CPU time of `DuplicateDetector.process` alone (part of `dedupeCPUSeconds`): what the daemon's worker spends.
    private(set) var stepCPUSeconds = 0.0
    /// CPU time of the batched fingerprint writes alone (part of `dedupeCPUSeconds`).
    private(set) var flushCPUSeconds = 0.0
    /// CPU time of the key merges alone (part of `dedupeCPUSeconds`).
    private(set) var mergeCPUSeconds = 0.0
    /// CPU time of the catalogue lookups alone, each report looked up again after the run.
    private(set) var lookupCPUSeconds = 0.0
    let catalogue: Catalogue

    /// Looks every report up again in the finished catalogue (no staging, no writes), timing the lookups alone.
    mutating func timeLookups(_ corpus: [LabelledReport], configuration: DedupeConfiguration) throws {
        let fingerprinter = Fingerprinter(configuration: configuration)
        let store = FingerprintStore(catalogue: catalogue)
        lookupCPUSeconds = 0
        for (index, report) in corpus.enumerated() {
            let document = Self.document(report, index: index)
            let fingerprint = fingerprinter.fingerprint(of: document, text: ScalarText(document.text))
            let started = processorSeconds()
            _ = try store.lookup(fingerprint, perKey: configuration.candidates * 2, limit: configuration.candidates,
                                 screen: configuration.candidateScreen)
            lookupCPUSeconds += processorSeconds() - started
        }
    }

    /// Fingerprints still staged after the run (0: every outcome ended its staging).
    private(set) var staged = 0
    /// Reports named as a duplicate of themselves (must be 0).
    private(set) var selfDuplicates = 0

    /// The family of every report id seen, for scoring.
    private(set) var familyById: [String: Int] = [:]

    static func document(_ report: LabelledReport, index: Int, salt: String = "") -> Document {
        let id = "sha256:bench-\(salt)\(index)-\(report.name)"
        return Document(id: id, source: Source(name: report.name, bytes: report.text.utf8.count, format: "txt",
                                               encoding: "utf-8", received: "2026-01-01T00:00:00Z"),
                        text: report.text, original: Data())
    }

    /// Pair precision, recall and F1 when near duplicates below `threshold` are not counted.
    func score(threshold: Double) -> PairScore {
        var score = PairScore()
        for verdict in verdicts {
            if verdict.hasEarlierRelative { score.positives += 1 }
            guard let duplicate = verdict.duplicate, duplicate.kind != .near || duplicate.similarity >= threshold else {
                continue
            }
            if duplicate.of.flatMap({ familyById[$0] }) == verdict.report.family { score.truePositives += 1 } else { score.falsePositives += 1 }
        }
        return score
    }

    /// Recall among variants of one edit fraction at `threshold`.
    func recall(editFraction: Double, threshold: Double) -> Double {
        let variants = verdicts.filter { $0.report.editFraction == editFraction && $0.hasEarlierRelative }
        let found = variants.filter { verdict in
            guard let duplicate = verdict.duplicate, duplicate.kind != .near || duplicate.similarity >= threshold else { return false }
            return duplicate.of.flatMap { familyById[$0] } == verdict.report.family
        }
        return variants.isEmpty ? 0 : Double(found.count) / Double(variants.count)
    }
}

/// Pair counts: a report names an earlier report; correct when both are of one family.
struct PairScore {
    var positives = 0
    var truePositives = 0
    var falsePositives = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { positives == 0 ? 1 : Double(truePositives) / Double(positives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// CPU seconds this process has used, on all its threads.
func processorSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
