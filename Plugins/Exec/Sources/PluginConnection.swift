import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One running plugin process: requests written to its stdin, replies read line by line from its stdout,
/// its stderr logged under the plugin's name. No shell is involved and it gets only the configured environment.
final class PluginConnection: @unchecked Sendable {
    private let process: SpawnedProcess
    private let replies: LineChannel

    init(_ launch: PluginLaunch, logger: Logger) throws {
        do {
            process = try SpawnedProcess(executable: launch.command[0], arguments: Array(launch.command.dropFirst()),
                                         environment: launch.environment, workingDirectory: launch.workingDirectory.path)
        } catch {
            throw PluginFailure("plugin \(launch.name) cannot start: \(error.localizedDescription)")
        }
        replies = LineChannel(maxLineBytes: launch.maxReplyBytes)
        replies.follow(process.output)
        let name = launch.name
        LineChannel(maxLineBytes: 64 * 1024).follow(process.errors) { line in
            logger.warning("plugin wrote to stderr", metadata: ["plugin": "\(name)", "line": "\(String(decoding: line, as: UTF8.self))"])
        }
    }

    var isRunning: Bool { process.isRunning }

    /// Writes one message line; false when the plugin no longer reads.
    func send(_ message: Data) -> Bool {
        var line = message
        line.append(0x0A)
        do {
            try process.input.write(contentsOf: line)
            return true
        } catch {
            return false
        }
    }

    /// Closes the plugin's stdin: a one-shot plugin ends after its reply.
    func finishInput() {
        try? process.input.close()
    }

    func nextReply(timeout: Duration) async -> LineChannel.Event {
        await replies.next(timeout: timeout)
    }

    /// Stops the plugin and everything it started.
    func stop() {
        process.stop()
    }

    /// Waits up to `timeout` for the plugin to exit by itself; its exit status, or nil if it still runs.
    func exitStatus(within timeout: Duration) async -> Int32? {
        let end = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < end {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return process.exitStatus
    }

    deinit { stop() }
}

/// How to start a plugin.
struct PluginLaunch: Sendable {
    var name: String
    var command: [String]
    var environment: [String: String]
    var workingDirectory: URL
    var maxReplyBytes: Int
}

/// Lines read from a pipe on a thread of their own, handed to one async reader at a time with a timeout.
final class LineChannel: @unchecked Sendable {
    enum Event: Equatable {
        case line(Data)
        case tooLong
        case closed
        case timeout
    }

    private let lock = NSLock()
    private var events: [Event] = []
    private var waiter: CheckedContinuation<Event, Never>?
    private var waiterToken = 0
    private let maxLineBytes: Int

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Reads `handle` until end of file; each line goes to `handler` if given, else to the queue.
    func follow(_ handle: FileHandle, handler: (@Sendable (Data) -> Void)? = nil) {
        let thread = Thread { [self] in
            var buffer = Data()
            var discarding = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = Data(buffer[buffer.startIndex..<newline])
                    buffer.removeSubrange(buffer.startIndex...newline)
                    if discarding {
                        discarding = false
                    } else if let handler {
                        handler(line)
                    } else {
                        push(.line(line))
                    }
                }
                if buffer.count > maxLineBytes, !discarding {
                    discarding = true
                    buffer.removeAll()
                    if handler == nil { push(.tooLong) }
                } else if discarding {
                    buffer.removeAll()
                }
            }
            if handler == nil { push(.closed) }
        }
        thread.start()
    }

    private func push(_ event: Event) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: event)
        } else {
            events.append(event)
            lock.unlock()
        }
    }

    /// The next line, or `.timeout` when none comes in time; `.closed` once the pipe has ended.
    func next(timeout: Duration) async -> Event {
        await withCheckedContinuation { continuation in
            lock.lock()
            if !events.isEmpty {
                let event = events.first == .closed ? .closed : events.removeFirst()
                lock.unlock()
                continuation.resume(returning: event)
                return
            }
            waiterToken += 1
            let token = waiterToken
            waiter = continuation
            lock.unlock()
            Task { [self] in
                try? await Task.sleep(for: timeout)
                expire(token)
            }
        }
    }

    private func expire(_ token: Int) {
        lock.lock()
        guard let waiter, waiterToken == token else {
            lock.unlock()
            return
        }
        self.waiter = nil
        lock.unlock()
        waiter.resume(returning: .timeout)
    }
}
