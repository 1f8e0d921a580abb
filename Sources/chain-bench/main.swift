import AuditProcessor
import Foundation
import MetricsProcessor
import ReportIntake
import ReportKit
import ReportViews
import SectionsProcessor

// Runs intake, the sections, metrics and audit steps, and the archive's document.json and report.html
// over the demo reports and the test fixtures (or the files and folders given) and prints the CPU time
// of each per report: what a worker spends on a report besides dedupe (dedupe-bench) and the disk.
// It asserts nothing.
//
//   swift run -c release chain-bench [--runs N] [--rounds K] [--dump DIR] [FILE|DIR ...]
//
// Each report runs N times in each of K rounds; each step's time is that of its best round, which
// keeps a neighbour's burst of work on a shared machine out of the figures.
//
// --dump writes each report's sections, metrics and findings as JSON into DIR, so two builds
// can be compared with `diff -r`.

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

var runs = 200
var rounds = 5
var dumpFolder: URL?
var inputs: [URL] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = arguments.popFirst().flatMap(Int.init) ?? runs
    case "--rounds": rounds = max(1, arguments.popFirst().flatMap(Int.init) ?? rounds)
    case "--dump": dumpFolder = arguments.popFirst().map { URL(fileURLWithPath: $0, isDirectory: true) }
    default: inputs.append(URL(fileURLWithPath: argument))
    }
}
if inputs.isEmpty {
    inputs = ["demo/reports", "Plugins/Metrics/Fixtures", "Fuzz/corpus"].map { repository.appendingPathComponent($0) }
}

/// The report files named by `inputs`: files as given, folders by their .txt, .md and .html files.
func reportFiles(_ inputs: [URL]) -> [URL] {
    inputs.flatMap { url -> [URL] in
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { return [url] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { ["txt", "md", "html"].contains(($0 as NSString).pathExtension) }.sorted()
            .map { url.appendingPathComponent($0) }
    }
}

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

// The tables along the standard search path, the working folder first: a development build finds config/.
let environment = ProcessorEnvironment(root: DataRoot(FileManager.default.temporaryDirectory),
                                       configDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                       logger: .init(label: "chain-bench"))
let splitter = try SectionSplitter(configuration: .init(), environment: environment)
let scanner = try MetricScanner(configuration: .init(), environment: environment)
let auditor = try ReportAuditor(configuration: .init(), environment: environment)
for entry in environment.tablesRead.all { print("chain-bench: table \(entry.file.path)") }
let context = ProcessingContext(logger: .init(label: "chain-bench"))
let reader = ReportReader()

let files = reportFiles(inputs)
var documents: [(name: String, file: String, bytes: Data, document: Document)] = []
for file in files {
    do {
        let name = file.deletingLastPathComponent().lastPathComponent + "-" + file.lastPathComponent
        let bytes = try Data(contentsOf: file)
        documents.append((name, file.lastPathComponent, bytes,
                          try reader.read(bytes, name: file.lastPathComponent, received: Date(timeIntervalSince1970: 0))))
    } catch {
        print("chain-bench: skipped \(file.path): \(error)")
    }
}
guard !documents.isEmpty else { fatalError("chain-bench: no reports to run") }

/// The chain's result on one report, as the archive would record it.
struct Output: Encodable {
    var sections: [Section]
    var metrics: [Metric]
    var findings: [Finding]
}

let steps = ["intake", "sections", "metrics", "audit", "document.json", "report.html"]

/// CPU seconds by step: each lap is charged to the step that just ran.
struct StepClock {
    var seconds: [Double]
    var started = cpuSeconds()

    init(steps: Int) { seconds = Array(repeating: 0, count: steps) }

    mutating func lap(_ step: Int) {
        let now = cpuSeconds()
        seconds[step] += now - started
        started = now
    }
}

var best = Array(repeating: Double.infinity, count: steps.count)
var scalars = 0
var written = 0
for round in 0..<rounds {
    var clock = StepClock(steps: steps.count)
    for (name, file, bytes, original) in documents {
        var document = original
        for _ in 0..<runs {
            clock.started = cpuSeconds()
            document = try reader.read(bytes, name: file, received: Date(timeIntervalSince1970: 0))
            clock.lap(0)
            _ = try await splitter.process(&document, context: context)
            clock.lap(1)
            _ = try await scanner.process(&document, context: context)
            clock.lap(2)
            _ = try await auditor.process(&document, context: context)
            clock.lap(3)
            written &+= try document.jsonData().count
            clock.lap(4)
            written &+= ReportPage.data(document).count
            clock.lap(5)
        }
        guard round == 0 else { continue }
        scalars += document.text.unicodeScalars.count
        if let dumpFolder {
            try FileManager.default.createDirectory(at: dumpFolder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output = Output(sections: document.sections, metrics: document.metrics, findings: document.findings)
            try encoder.encode(output).write(to: dumpFolder.appendingPathComponent(name + ".json"))
        }
    }

    best = zip(best, clock.seconds).map { min($0, $1) }
}

let reports = Double(documents.count * runs)
print(String(format: "chain-bench: %d reports (mean %.0f characters), %d runs each in each of %d rounds, CPU time of the process in the best round (one thread works)",
             documents.count, Double(scalars) / Double(documents.count), runs, rounds))
for (index, step) in steps.enumerated() {
    print(String(format: "chain-bench: %@ %.3f ms/report", step.padding(toLength: 13, withPad: " ", startingAt: 0), best[index] * 1000 / reports))
}
print(String(format: "chain-bench: %@ %.3f ms/report (%d bytes written)", "all".padding(toLength: 13, withPad: " ", startingAt: 0), best.reduce(0, +) * 1000 / reports, written / rounds))
