import Foundation
import MetricsProcessor
import ReportKit

// Builds a text of about 10 MB from the metrics fixtures, scans it on one core, and prints
// the speed in MB of UTF-8 text per second and the peak resident memory.

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".txt") }.sorted()
let pieces = try names.map { try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8) }
guard !pieces.isEmpty else { fatalError("no fixtures in \(fixtures.path)") }

// Arguments: megabytes of text (10) and runs (10), so a profiler can take a smaller one.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let targetBytes = (arguments.first ?? 10) * 1_000_000
let runs = arguments.dropFirst().first ?? 10
var text = ""
var piece = 0
var bytes = 0
while bytes < targetBytes {
    let next = pieces[piece % pieces.count] + "\n"
    text += next
    bytes += next.utf8.count
    piece += 1
}
let megabytes = Double(text.utf8.count) / 1_000_000
let tables = TableSearchPath.standard(configDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
guard let tableFile = tables.locate(MetricScanner.Configuration.defaultTables) else { fatalError("metrics.toml not found in \(tables)") }
let scanner = MetricScanner(tables: try MetricTables.load(from: tableFile))

/// Wall time and the time this thread spent on a core, in seconds: the second is what one core
/// delivers when the machine is shared.
func timed(_ work: () -> Void) -> (wall: Double, cpu: Double) {
    func threadTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    let start = ContinuousClock.now
    let cpuStart = threadTime()
    work()
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, threadTime() - cpuStart)
}

var found = 0
_ = timed { found = scanner.scan(String(text.prefix(200_000))).count }
var best = (wall: Double.infinity, cpu: Double.infinity)
for _ in 0..<runs {
    let run = timed { found = scanner.scan(text).count }
    best = (min(best.wall, run.wall), min(best.cpu, run.cpu))
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(String(format: "metrics-bench: %.1f MB of text (%d fixtures repeated), %d metrics", megabytes, pieces.count, found))
print(String(format: "metrics-bench: %.1f MB/s on one core (best of %d: %.3f s of CPU time); %.1f MB/s by the wall clock (%.3f s)",
             megabytes / best.cpu, runs, best.cpu, megabytes / best.wall, best.wall))
print(String(format: "metrics-bench: peak RSS %.1f MB", Double(usage.ru_maxrss) / 1024))
