import Foundation
import Logging

/// Talks to one configured plugin: a process per request (one-shot), or one process kept for many
/// requests (long-lived) and started again, with back-off, after it crashes or hangs.
actor PluginSession {
    let launch: PluginLaunch
    let longLived: Bool
    let timeout: Duration
    let logger: Logger
    private var connection: PluginConnection?
    private var crashes = 0
    private var nextStart = ContinuousClock.now

    init(launch: PluginLaunch, longLived: Bool, timeout: Duration, logger: Logger) {
        self.launch = launch
        self.longLived = longLived
        self.timeout = timeout
        self.logger = logger
    }

    /// Sends `message` and returns the plugin's result, or throws a `PluginFailure` saying what went wrong.
    func request(_ message: Data) async throws -> PluginProtocol.Additions {
        let deadline = ContinuousClock.now + timeout
        return longLived
            ? try await longLivedRequest(message, deadline: deadline)
            : try await oneShotRequest(message, deadline: deadline)
    }

    private func oneShotRequest(_ message: Data, deadline: ContinuousClock.Instant) async throws -> PluginProtocol.Additions {
        let connection = try PluginConnection(launch, logger: logger)
        defer { connection.stop() }
        try await handshake(connection, deadline: deadline)
        guard connection.send(message) else { throw PluginFailure("plugin \(launch.name) stopped reading its input") }
        connection.finishInput()
        let additions = try await reply(from: connection, deadline: deadline)
        if let status = await connection.exitStatus(within: .seconds(2)), status != 0 {
            throw PluginFailure("plugin \(launch.name) exited with status \(status)")
        }
        return additions
    }

    private func longLivedRequest(_ message: Data, deadline: ContinuousClock.Instant) async throws -> PluginProtocol.Additions {
        let connection = try await runningConnection(deadline: deadline)
        do {
            guard connection.send(message) else { throw PluginFailure("plugin \(launch.name) stopped reading its input") }
            let additions = try await reply(from: connection, deadline: deadline)
            crashes = 0
            return additions
        } catch {
            // After a missed or garbled reply the plugin's state is unknown: start it afresh next time.
            connection.stop()
            self.connection = nil
            noteCrash()
            throw error
        }
    }

    /// The long-lived process, started (after its back-off, if it crashed) and greeted when needed.
    private func runningConnection(deadline: ContinuousClock.Instant) async throws -> PluginConnection {
        if let connection, connection.isRunning { return connection }
        if connection != nil {
            logger.warning("plugin exited; it will be started again", metadata: ["plugin": "\(launch.name)"])
            connection = nil
            noteCrash()
        }
        if nextStart > ContinuousClock.now {
            guard nextStart < deadline else {
                throw PluginFailure("plugin \(launch.name) keeps crashing; next start in \(nextStart - ContinuousClock.now)")
            }
            try? await Task.sleep(until: nextStart)
        }
        let started = try PluginConnection(launch, logger: logger)
        do {
            try await handshake(started, deadline: deadline)
        } catch {
            started.stop()
            noteCrash()
            throw error
        }
        connection = started
        return started
    }

    private func noteCrash() {
        crashes += 1
        let seconds = min(30, 0.25 * pow(2, Double(min(crashes - 1, 10))))
        nextStart = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    }

    private func handshake(_ connection: PluginConnection, deadline: ContinuousClock.Instant) async throws {
        let hello = try PluginProtocol.line(PluginProtocol.Hello(protocol: PluginProtocol.version))
        guard connection.send(hello) else { throw PluginFailure("plugin \(launch.name) did not read its input") }
        let line = try await nextLine(from: connection, deadline: deadline, waitingFor: "hello")
        guard let reply = try? JSONDecoder().decode(PluginProtocol.Hello.self, from: line), reply.type == "hello" else {
            throw PluginFailure("plugin \(launch.name) did not answer the hello: \(Self.excerpt(line))")
        }
        guard reply.protocol == PluginProtocol.version else {
            throw PluginFailure("plugin \(launch.name) speaks protocol \(reply.protocol), reportd speaks \(PluginProtocol.version)")
        }
    }

    private func reply(from connection: PluginConnection, deadline: ContinuousClock.Instant) async throws -> PluginProtocol.Additions {
        let line = try await nextLine(from: connection, deadline: deadline, waitingFor: "reply")
        guard let reply = try? JSONDecoder().decode(PluginProtocol.Reply.self, from: line) else {
            throw PluginFailure("plugin \(launch.name) sent a reply that is not valid JSON: \(Self.excerpt(line))")
        }
        switch reply.type {
        case "result": return reply.additions ?? PluginProtocol.Additions()
        case "error": throw PluginFailure("plugin \(launch.name) reported an error: \(reply.message ?? "(no message)")")
        default: throw PluginFailure("plugin \(launch.name) sent a reply of unknown type '\(reply.type)'")
        }
    }

    private func nextLine(from connection: PluginConnection, deadline: ContinuousClock.Instant, waitingFor what: String) async throws -> Data {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw PluginFailure("plugin \(launch.name) gave no \(what) within \(timeout)") }
        switch await connection.nextReply(timeout: remaining) {
        case .line(let line): return line
        case .tooLong: throw PluginFailure("plugin \(launch.name) sent a \(what) over \(launch.maxReplyBytes) bytes")
        case .timeout: throw PluginFailure("plugin \(launch.name) gave no \(what) within \(timeout)")
        case .closed:
            let status = await connection.exitStatus(within: .seconds(1))
            throw PluginFailure("plugin \(launch.name) closed its output before its \(what)"
                                + (status.map { " (exit status \($0))" } ?? ""))
        }
    }

    static func excerpt(_ line: Data) -> String {
        let text = String(decoding: line.prefix(120), as: UTF8.self)
        return line.count > 120 ? text + "…" : text
    }
}
