import AuditProcessor
import Foundation
import MetricsProcessor
import ReportIntake
import ReportKit
import SectionsProcessor

// Runs the sections, metrics and audit steps over the demo reports and the test fixtures (or the
// files and folders given) and prints the CPU time of each step per report. It asserts nothing.
//
//   swift run -c release chain-bench [--runs N] [--dump DIR] [FILE|DIR ...]
//
// --dump writes each report's sections, metrics and findings as JSON into DIR, so two builds
// can be compared with `diff -r`.

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

var runs = 200
var dumpFolder: URL?
var inputs: [URL] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = arguments.popFirst().flatMap(Int.init) ?? runs
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
var documents: [(name: String, document: Document)] = []
for file in files {
    do {
        let name = file.deletingLastPathComponent().lastPathComponent + "-" + file.lastPathComponent
        documents.append((name, try reader.read(file, name: file.lastPathComponent, received: Date(timeIntervalSince1970: 0))))
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

let steps = ["sections", "metrics", "audit"]
var seconds = Array(repeating: 0.0, count: steps.count)
var scalars = 0
for (name, original) in documents {
    var document = original
    for _ in 0..<runs {
        document = original
        var started = cpuSeconds()
        _ = try await splitter.process(&document, context: context)
        var now = cpuSeconds()
        seconds[0] += now - started
        started = now
        _ = try await scanner.process(&document, context: context)
        now = cpuSeconds()
        seconds[1] += now - started
        started = now
        _ = try await auditor.process(&document, context: context)
        now = cpuSeconds()
        seconds[2] += now - started
    }
    scalars += document.text.unicodeScalars.count
    if let dumpFolder {
        try FileManager.default.createDirectory(at: dumpFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let output = Output(sections: document.sections, metrics: document.metrics, findings: document.findings)
        try encoder.encode(output).write(to: dumpFolder.appendingPathComponent(name + ".json"))
    }
}

let reports = Double(documents.count * runs)
print(String(format: "chain-bench: %d reports (mean %.0f characters), %d runs each, CPU time of the process (one thread works)",
             documents.count, Double(scalars) / Double(documents.count), runs))
for (index, step) in steps.enumerated() {
    print(String(format: "chain-bench: %-8@ %.3f ms/report", step as NSString, seconds[index] * 1000 / reports))
}
print(String(format: "chain-bench: %-8@ %.3f ms/report", "all" as NSString, seconds.reduce(0, +) * 1000 / reports))
