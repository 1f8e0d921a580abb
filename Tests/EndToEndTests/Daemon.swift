import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `reportd run` as a subprocess on a temporary root, with its log lines readable as events.
final class Daemon: @unchecked Sendable {
    let root: URL
    let config: URL
    private(set) var process: Process
    private let log = LogLines()
    private var environment: [String: String]

    var inbox: URL { root.appendingPathComponent("inbox") }
    var outbox: URL { root.appendingPathComponent("outbox") }
    var archive: URL { root.appendingPathComponent("archive") }

    /// Writes a config for `root` and starts the daemon; returns once it logs that it watches the inbox.
    init(label: String, config extra: String = "", pipeline: [String] = ["sections", "archive"],
         environment: [String: String] = [:], start: Bool = true) async throws {
        root = temporaryRoot(label)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        config = root.appendingPathExtension("toml")
        self.environment = environment
        process = Process()
        try Daemon.configText(root: root, pipeline: pipeline, extra: extra).write(to: config, atomically: true, encoding: .utf8)
        if start { try await self.start() }
    }

    static func configText(root: URL, pipeline: [String], extra: String = "") -> String {
        """
        root = "\(root.path)"
        pipeline = [\(pipeline.map { "\"\($0)\"" }.joined(separator: ", "))]
        [inbox]
        retry_seconds = 0.2
        retry_max_seconds = 1
        \(extra)
        """
    }

    /// Starts (or restarts) the daemon and waits until it watches the inbox.
    func start() async throws {
        let ready = log.count(of: "watching the inbox")
        process = Process()
        process.executableURL = reportdBinary
        process.arguments = ["run", "--config", config.path]
        process.environment = childEnvironment(environment)
            .filter { !["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"].contains($0.key) || environment[$0.key] != nil }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        log.follow(pipe.fileHandleForReading)
        guard await log.wait(for: "watching the inbox", count: ready + 1, deadline: .seconds(60)) else {
            throw DaemonError(description: "reportd did not start:\n\(log.text)")
        }
    }

    /// Waits until `count` lines containing `text` have been logged since the first start.
    @discardableResult
    func wait(for text: String, count: Int = 1, deadline: Duration = .seconds(120)) async -> Bool {
        let seen = await log.wait(for: text, count: count, deadline: deadline)
        if !seen { Issue.record("waited in vain for \(count) × '\(text)'; saw \(log.count(of: text))\n\(log.tail)") }
        return seen
    }

    func count(of text: String) -> Int { log.count(of: text) }

    /// Waits until `condition` holds, checking it again after each line the daemon logs.
    @discardableResult
    func wait(until deadline: Duration = .seconds(120), _ what: String, _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + deadline
        while !condition() {
            let remaining = end - ContinuousClock.now
            guard remaining > .zero else {
                Issue.record("waited in vain until \(what)\n\(log.tail)")
                return false
            }
            _ = await log.wait(forLines: log.lineCount + 1, deadline: min(remaining, .seconds(1)))
        }
        return true
    }

    var logText: String { log.text }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end and returns its exit status (or the signal's number + 128).
    func waitForExit(deadline: Duration = .seconds(60)) async -> Int32 {
        let process = process
        let exited = await offPool {
            let end = Date(timeIntervalSinceNow: 60)
            while process.isRunning, Date() < end { usleep(2_000) }
            return !process.isRunning
        }
        if !exited {
            Issue.record("reportd did not exit within \(deadline)")
            signal(SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Stops the daemon with SIGTERM and waits for it (in a defer, where nothing can be awaited).
    func stopBlocking() {
        if process.isRunning {
            signal(SIGTERM)
            process.waitUntilExit()
        }
    }

    /// Stops the daemon with SIGTERM and waits for it.
    func stop() {
        stopBlocking()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Writes `data` into the inbox under a hidden name and renames it in, as a careful sender does.
    func drop(_ name: String, _ data: Data) throws {
        let temporary = inbox.appendingPathComponent(".\(name).part")
        try data.write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: inbox.appendingPathComponent(name))
    }

    func receipt(_ name: String) throws -> [String: Any] {
        try json(outbox.appendingPathComponent("\(name).json"))
    }

    /// Names in a folder of the root, hidden ones included.
    func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []).sorted()
    }

    /// Receipts written so far: the outbox's `.json` files (the outbox also holds index.html and, briefly, hidden temporaries).
    var receipts: [String] {
        contents("outbox").filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }
    }

    /// Every finished archive entry (folders holding document.json).
    var archiveEntries: [URL] {
        files(named: "document.json", under: archive).map { $0.deletingLastPathComponent() }
    }
}

struct DaemonError: Error, CustomStringConvertible {
    var description: String
}

/// The daemon's standard error, line by line, with waiting on a line to appear.
final class LogLines: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []

    func follow(_ handle: FileHandle) {
        let thread = Thread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    condition.lock()
                    lines.append(line)
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
        thread.start()
    }

    func count(of text: String) -> Int {
        condition.lock()
        defer { condition.unlock() }
        return lines.count { $0.contains(text) }
    }

    func wait(for text: String, count: Int, deadline: Duration) async -> Bool {
        await offPool { self.blockingWait(for: text, count: count, deadline: deadline) }
    }

    /// Waits until at least `count` lines have been read.
    func wait(forLines count: Int, deadline: Duration) async -> Bool {
        await offPool { self.blockingWait(forLines: count, deadline: deadline) }
    }

    private func blockingWait(for text: String, count: Int, deadline: Duration) -> Bool {
        let (seconds, attoseconds) = deadline.components
        let end = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while lines.count(where: { $0.contains(text) }) < count {
            if !condition.wait(until: end) { return false }
        }
        return true
    }

    var lineCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return lines.count
    }

    private func blockingWait(forLines count: Int, deadline: Duration) -> Bool {
        let (seconds, attoseconds) = deadline.components
        let end = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while lines.count < count {
            if !condition.wait(until: end) { return false }
        }
        return true
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return lines.joined(separator: "\n")
    }

    var tail: String {
        condition.lock()
        defer { condition.unlock() }
        return lines.suffix(15).joined(separator: "\n")
    }
}

/// A report of the demo set made unique by a line at its end, so each one is a distinct report.
func uniqueReport(_ index: Int, base: Int = 0) throws -> Data {
    var data = try Data(contentsOf: demoReports[(index + base) % demoReports.count])
    data.append(Data("\n附：报送编号\(index)-\(base)\n".utf8))
    return data
}

/// Runs a blocking wait on a thread of its own, so that it never holds one of the few threads
/// Swift concurrency runs every test's async work on.
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
