import Foundation
import ReportKitTesting
import Testing

/// The repository this test file lives in.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The demo reports that ship with the repository.
var demoReports: [URL] {
    let folder = repository.appendingPathComponent("demo/reports")
    return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
        .filter { $0.pathExtension == "txt" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// The built `reportd` executable, found beside the test bundle SwiftPM built with it.
let reportdBinary: URL = {
    if let path = ProcessInfo.processInfo.environment["REPORTD_BINARY"] { return URL(fileURLWithPath: path) }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("reportd")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repository.appendingPathComponent(".build/debug/reportd")
}()

/// A finished run of the binary.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The environment of a child process: this one's, with `$REPORTD_TABLES` naming the repository's config/
/// (configs written to temporary folders have no tables beside them), then `extra`.
func childEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    ProcessInfo.processInfo.environment.merging(ShippedTables.processEnvironment) { $1 }.merging(extra) { $1 }
}

/// Runs `reportd` with `arguments` to completion (or kills it at the deadline) and returns what it printed.
func reportd(_ arguments: [String], environment: [String: String] = [:], deadline: Duration = .seconds(120)) async throws -> Finished {
    let process = Process()
    process.executableURL = reportdBinary
    process.arguments = arguments
    process.environment = childEnvironment(environment)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("reportd-out-\(UUID().uuidString)")
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("reportd-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let (seconds, attoseconds) = deadline.components
    let timeout = Double(seconds) + Double(attoseconds) / 1e18
    let finished = await offPool { exited.wait(timeout: .now() + timeout) == .success }
    if !finished {
        process.terminate()
        process.waitUntilExit()
        Issue.record("reportd \(arguments) did not finish within \(deadline)")
    }
    return Finished(status: process.terminationStatus,
                    stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
                    stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
}

/// A fresh data root under the temporary folder.
func temporaryRoot(_ label: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("reportd-\(label)-\(UUID().uuidString)")
}

/// Every file below `folder` whose name is `name`.
func files(named name: String, under folder: URL) -> [URL] {
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    var found: [URL] = []
    while let url = enumerator?.nextObject() as? URL {
        if url.lastPathComponent == name { found.append(url) }
    }
    return found
}

func json(_ url: URL) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}
