import DedupeProcessor
import Foundation
import ReportKit
import ReportStore

// dedupe-bench [--quick] [--no-sweep] [--no-scale] [--scale-only] [--sizes 1000,100000,1000000] [--folder DIR] [--sweep-folder DIR]
//              [--batch N]  (reports per fingerprint flush and outcome commit in the timed runs; 128 by default)
//              [--page-cache MB]  (each catalogue connection's page cache in the scale probe; the daemon's 4 by default)
//              [--fractions 0.05,0.1,0.2,0.3,0.4]  (the variants' edit fractions)
//              [--export DIR]  (writes the corpus as files and DIR/labels.tsv in arrival order, then stops;
//                               scripts/dedupe-e2e runs them through `reportd process`)
// Prints pair precision/recall/F1 on a generated labelled corpus, the dedupe step's reports per
// second on one core, and its per-report cost as the catalogue grows. Run it in release:
//   swift run -c release dedupe-bench

/// Prints a line and flushes it at once, so a long run can be followed.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
let quick = arguments.contains("--quick")
let batch = option("--batch").flatMap { Int($0) }.map { max(1, $0) } ?? 128
let sizes = (option("--sizes") ?? (quick ? "1000,10000" : "1000,100000,1000000")).split(separator: ",").compactMap { Int($0) }
let folder = URL(fileURLWithPath: option("--folder") ?? NSTemporaryDirectory())
    .appendingPathComponent("dedupe-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

let fractions = (option("--fractions") ?? "0.05,0.1,0.2,0.3,0.4").split(separator: ",").compactMap { Double($0) }
var generator = CorpusGenerator(seed: 2024)
let corpus = generator.corpus(bases: quick ? 100 : 400, unrelated: quick ? 300 : 1200, fractions: fractions)
let kinds = Dictionary(grouping: corpus, by: \.kind).mapValues(\.count)
let averageLength = corpus.map { $0.text.unicodeScalars.count }.reduce(0, +) / corpus.count
say("corpus: \(corpus.count) reports (base \(kinds[.base] ?? 0), variant \(kinds[.variant] ?? 0), re-encoded copy \(kinds[.copy] ?? 0), unrelated \(kinds[.unrelated] ?? 0)); edit fractions \(fractions); \(averageLength) characters on average")

if let export = option("--export") {
    let target = URL(fileURLWithPath: export)
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    var labels = "name\tfamily\tkind\tedit_fraction\n"
    for report in corpus {
        try Data(report.text.utf8).write(to: target.appendingPathComponent(report.name))
        labels += "\(report.name)\t\(report.family)\t\(report.kind.rawValue)\t\(report.editFraction.map { "\($0)" } ?? "")\n"
    }
    try Data(labels.utf8).write(to: target.appendingPathComponent("labels.tsv"))
    say("exported \(corpus.count) reports and labels.tsv to \(target.path)")
    exit(0)
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

// The sweep measures quality only; its catalogues may live on a RAM disk.
let sweepFolder = option("--sweep-folder").map { URL(fileURLWithPath: $0).appendingPathComponent("dedupe-sweep-\(UUID().uuidString)") } ?? folder
try FileManager.default.createDirectory(at: sweepFolder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: sweepFolder) }

if !arguments.contains("--no-sweep") {
    let threshold = DedupeConfiguration().nearThreshold
    say("\n## parameter sweep (best threshold per row; F1 at the default threshold, \(format(threshold, 2)))")
    say("shingle  perms  bands  best-t  P      R      F1     F1@\(format(threshold, 2)) reports/s")
    for shingle in [3, 4, 5, 6, 8] {
        for (permutations, bands) in [(128, 16), (128, 32), (64, 16)] {
            var configuration = DedupeConfiguration()
            configuration.shingleSize = shingle
            configuration.permutations = permutations
            configuration.bands = bands
            configuration.nearThreshold = 0.01
            let run = try await CorpusRun(corpus: corpus, configuration: configuration, folder: sweepFolder)
            let thresholds = stride(from: 0.2, through: 0.8, by: 0.05).map { $0 }
            let best = thresholds.max { run.score(threshold: $0).f1 < run.score(threshold: $1).f1 }!
            let score = run.score(threshold: best)
            say("\(shingle)        \(permutations)    \(bands)     \(format(best, 2))    \(format(score.precision))  \(format(score.recall))  \(format(score.f1))  \(format(run.score(threshold: threshold).f1))   \(Int(Double(corpus.count) / run.dedupeCPUSeconds))")
        }
    }
}

let defaults = DedupeConfiguration()
/// The quality and speed runs on the corpus, in a function of their own so that their catalogues are
/// closed before the scale probe measures memory (top-level locals of an async main outlived the block).
func runCorpus() async throws {
    var measured = defaults
    measured.nearThreshold = 0.01
    let run = try await CorpusRun(corpus: corpus, configuration: measured, folder: folder)
    let score = run.score(threshold: defaults.nearThreshold)
    say("\n## defaults: shingle \(defaults.shingleSize), permutations \(defaults.permutations), bands \(defaults.bands), threshold \(defaults.nearThreshold)")
    say("pairs: precision \(format(score.precision))  recall \(format(score.recall))  F1 \(format(score.f1))  (TP \(score.truePositives), FP \(score.falsePositives), positives \(score.positives))")
    say("recall by edit fraction: " + fractions.map { "\($0): \(format(run.recall(editFraction: $0, threshold: defaults.nearThreshold)))" }.joined(separator: "  "))
    say("threshold curve: " + stride(from: 0.25, through: 0.7, by: 0.05).map { "\(format($0, 2))→\(format(run.score(threshold: $0).f1))" }.joined(separator: " "))
    // The run above verifies every candidate (threshold 0.01) to draw the curve; the speed is
    // measured on runs with the defaults, which skip candidates whose signatures disagree. The
    // machine is shared, so each figure is the best of three runs (the median is printed too).
    var runs: [CorpusRun] = []
    for _ in 0..<3 {
        var timed = try await CorpusRun(corpus: corpus, configuration: defaults, folder: folder, batch: batch)
        try timed.timeLookups(corpus, configuration: defaults)
        runs.append(timed)
    }
    let timed = runs.min { $0.dedupeCPUSeconds < $1.dedupeCPUSeconds }!
    let timedScore = timed.score(threshold: defaults.nearThreshold)
    say("timed run at the defaults: F1 \(format(timedScore.f1)) (TP \(timedScore.truePositives), FP \(timedScore.falsePositives)); staged after the run: \(timed.staged); reports named a duplicate of themselves: \(timed.selfDuplicates)")
    func perReport(_ seconds: Double) -> String { format(seconds * 1e6 / Double(corpus.count), 1) }
    let medianCPU = runs.map(\.dedupeCPUSeconds).sorted()[1]
    say("dedupe on one core: \(Int(Double(corpus.count) / timed.dedupeCPUSeconds)) reports/s by CPU time (\(perReport(timed.dedupeCPUSeconds)) µs CPU per report; median of 3 runs \(Int(Double(corpus.count) / medianCPU)) reports/s), \(Int(Double(corpus.count) / timed.dedupeSeconds)) reports/s by wall time: the step, its fingerprint writes (\(batch) reports a transaction) and its key merges")
    say("of which: the step (DuplicateDetector.process: fingerprint, lookup, staging, findings; a worker's share in the daemon) \(perReport(timed.stepCPUSeconds)) µs, \(Int(Double(corpus.count) / timed.stepCPUSeconds)) reports/s; fingerprint writes \(perReport(timed.flushCPUSeconds)) µs; key merges \(perReport(timed.mergeCPUSeconds)) µs (the daemon's commit thread does these two)")
    say("lookups alone (timed again after the run, best of 3): \(perReport(runs.map(\.lookupCPUSeconds).min()!)) µs per report")
    let fingerprinter = Fingerprinter(configuration: defaults)
    var computeSeconds = Double.infinity
    for _ in 0..<3 {
        let computeStarted = processorSeconds()
        for (index, report) in corpus.enumerated() {
            let document = CorpusRun.document(report, index: index)
            _ = fingerprinter.fingerprint(of: document, text: ScalarText(document.text))
        }
        computeSeconds = min(computeSeconds, processorSeconds() - computeStarted)
    }
    say("fingerprinting alone (no catalogue, best of 3): \(Int(Double(corpus.count) / computeSeconds)) reports/s, \(perReport(computeSeconds)) µs per report")
}
if !arguments.contains("--scale-only") { try await runCorpus() }

if !arguments.contains("--no-scale") {
    say("\n## per-report cost as the catalogue grows (synthetic fingerprints; probes are 300 corpus reports, other ones at each size)")
    let pageCache = option("--page-cache").flatMap { Double($0) }.map { Int($0 * 1_048_576) } ?? Catalogue.defaultPageCacheBytes
    var probe = try ScaleProbe(folder: folder, configuration: defaults, pageCacheBytes: pageCache)
    say("catalogue page cache \(format(Double(pageCache) / 1_048_576, 0)) MB a connection; RSS and SQLite's heap are taken after the bulk loader has closed, before and after the probes")
    var first: ProbeCost?
    var firstCommitting: ProbeCost?
    for (round, size) in sizes.enumerated() {
        let started = Date()
        try probe.grow(to: size, bands: defaults.bands)
        let built = Date().timeIntervalSince(started)
        let rssBefore = residentMegabytes()
        _ = sqlitePeakHeapMegabytes(resetting: true)
        // Each size gets its own slice of the corpus: probes are not recorded, and a text probed
        // again would meet its own earlier, never-processed fingerprints in every band.
        let slice = Array(corpus[(round * 350 % (corpus.count - 350))...].prefix(350))
        let warmStarted = Date()
        _ = try await probe.time(Array(slice.prefix(50)), round: 1000 + round, configuration: defaults)
        let warmUp = Date().timeIntervalSince(warmStarted)
        let cost = try await probe.time(Array(slice.dropFirst(50)), round: round, configuration: defaults)
        // The same again on other reports, with a commit from another connection before each, as in the daemon.
        let coldSlice = Array(corpus[((sizes.count + round) * 350 % (corpus.count - 350))...].prefix(300))
        let committing = try await probe.time(coldSlice, round: 2000 + round, configuration: defaults, committing: true)
        let base = first ?? cost
        first = base
        let committingBase = firstCommitting ?? committing
        firstCommitting = committingBase
        say("catalogue \(size): step \(format(cost.stepCPU, 0)) µs CPU (\(format(cost.stepCPU / base.stepCPU, 2))x), \(format(cost.stepMedian, 0)) µs wall median (\(format(cost.stepMedian / base.stepMedian, 2))x), \(format(cost.stepMean, 0)) µs wall mean; lookup alone \(format(cost.lookupCPU, 0)) µs CPU (\(format(cost.lookupCPU / base.lookupCPU, 2))x), \(format(cost.lookupMedian, 0)) µs wall median (\(format(cost.lookupMedian / base.lookupMedian, 2))x); RSS \(format(rssBefore, 0)) → \(format(residentMegabytes(), 0)) MB, SQLite heap \(format(sqliteHeapMegabytes(), 1)) MB (peak \(format(sqlitePeakHeapMegabytes(), 1)) MB during the probes); grown in \(format(built, 0)) s; 50 untimed probes first, the key filter built in the first, in \(format(warmUp, 2)) s")
        say("  with another connection's commit before each report (the daemon's case): step \(format(committing.stepCPU, 0)) µs CPU (\(format(committing.stepCPU / committingBase.stepCPU, 2))x), \(format(committing.stepMedian, 0)) µs wall median (\(format(committing.stepMedian / committingBase.stepMedian, 2))x); lookup alone \(format(committing.lookupCPU, 0)) µs CPU (\(format(committing.lookupCPU / committingBase.lookupCPU, 2))x), \(format(committing.lookupMedian, 0)) µs wall median (\(format(committing.lookupMedian / committingBase.lookupMedian, 2))x)")
    }
}
