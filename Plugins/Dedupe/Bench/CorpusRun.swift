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
    /// Wall time spent in the dedupe step alone.
    var dedupeSeconds: Double = 0
    /// CPU time of the process (all threads) during the dedupe step: what one core spends on it.
    var dedupeCPUSeconds: Double = 0

    init(corpus: [LabelledReport], configuration: DedupeConfiguration, folder: URL) async throws {
        let catalogue = try Catalogue(url: folder.appendingPathComponent("corpus-\(UUID().uuidString).sqlite"))
        let detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
        let context = ProcessingContext(logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        var seenFamilies = Set<Int>()
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var cpu = 0.0
        for (index, report) in corpus.enumerated() {
            var document = Self.document(report, index: index)
            let started = clock.now
            let cpuStarted = processorSeconds()
            let flow = try await detector.process(&document, context: context)
            cpu += processorSeconds() - cpuStarted
            elapsed += clock.now - started
            let stopped = flow == .stop
            let receipt = Receipt(status: stopped ? "duplicate" : "processed", file: report.name, id: document.id,
                                  archive: stopped ? nil : "archive/\(document.digest)", document: document,
                                  duplicateOf: stopped ? document.duplicate?.of : nil, reason: nil, at: Date())
            try catalogue.record(receipt: receipt, document: document)
            verdicts.append(Verdict(report: report, duplicate: document.duplicate,
                                    hasEarlierRelative: seenFamilies.contains(report.family)))
            seenFamilies.insert(report.family)
            familyById[document.id] = report.family
        }
        dedupeSeconds = elapsed.seconds
        dedupeCPUSeconds = cpu
    }

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
            if familyById[duplicate.of] == verdict.report.family { score.truePositives += 1 } else { score.falsePositives += 1 }
        }
        return score
    }

    /// Recall among variants of one edit fraction at `threshold`.
    func recall(editFraction: Double, threshold: Double) -> Double {
        let variants = verdicts.filter { $0.report.editFraction == editFraction && $0.hasEarlierRelative }
        let found = variants.filter { verdict in
            guard let duplicate = verdict.duplicate, duplicate.kind != .near || duplicate.similarity >= threshold else { return false }
            return familyById[duplicate.of] == verdict.report.family
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
