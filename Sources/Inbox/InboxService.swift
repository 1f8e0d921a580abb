import Foundation
import Logging
import ReportKit
import ReportViews
import ServiceLifecycle

/// The daemon's work: watch the inbox, claim each arrival once, and run it through the chain on a pool
/// of workers. A graceful shutdown finishes the reports in hand and leaves the rest for the next start.
public final class InboxService: Service, CustomStringConvertible {
    public struct Settings: Sendable {
        public var root: DataRoot
        public var recursive: Bool
        public var workers: Int
        public var retrySeconds: Double
        public var retryMaxSeconds: Double

        public init(root: DataRoot, recursive: Bool, workers: Int, retrySeconds: Double, retryMaxSeconds: Double) {
            self.root = root
            self.recursive = recursive
            self.workers = workers
            self.retrySeconds = retrySeconds
            self.retryMaxSeconds = retryMaxSeconds
        }
    }

    let settings: Settings
    let live: LiveFlow
    let notifier: SystemdNotifier
    let logger: Logger
    let tally = Tally()
    let gate = FaultGate()
    /// Counts per outcome and processing times, for the metrics file.
    let stats: DaemonStats

    public init(settings: Settings, live: LiveFlow, notifier: SystemdNotifier, logger: Logger, stats: DaemonStats = DaemonStats()) {
        self.settings = settings
        self.live = live
        self.notifier = notifier
        self.logger = logger
        self.stats = stats
    }

    public func run() async throws {
        let root = settings.root
        try root.create()
        Recovery.sweep(root, logger: logger)
        let events = try InboxEvents(inbox: root.inbox, recursive: settings.recursive, logger: logger)
        let queue = WorkQueue()
        let pending = try Spool(root: root).pending()
        for report in pending { await queue.add(.spooled(report)) }
        let waiting = live.current.claimer.scan()
        for url in waiting { await queue.add(.inbox(url.path)) }
        let (retries, retryInput) = AsyncStream<(Work, Duration)>.makeStream()

        notifier.notify("READY=1\nSTATUS=watching \(root.inbox.path)")
        logger.info("watching the inbox", metadata: [
            "inbox": "\(root.inbox.path)", "workers": "\(settings.workers)",
            "recovered": "\(pending.count)", "waiting": "\(waiting.count)",
        ])

        let stop: @Sendable () -> Void = {
            self.notifier.notify("STOPPING=1")
            self.logger.info("stopping: finishing the reports in hand")
            Task {
                await queue.finish()
                await self.gate.release()
            }
        }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await self.drain(queue, events: events, retries: retries, retryInput: retryInput)
            } onCancel: {
                stop()
            }
        } onGracefulShutdown: {
            stop()
        }
        logger.info("stopped", metadata: tally.metadata)
    }

    public var description: String { "InboxService" }

    /// Feeds the queue from the watch and the retry timers, runs the workers until the queue is finished,
    /// and settles each report as the group commit finishes it.
    private func drain(_ queue: WorkQueue, events: InboxEvents, retries: AsyncStream<(Work, Duration)>,
                       retryInput: AsyncStream<(Work, Duration)>.Continuation) async {
        let commit = GroupCommit(ReportCommit(root: settings.root, catalogue: live.current.flow.catalogue))
        let (settled, settledInput) = AsyncStream<(SpooledReport, Outcome, ContinuousClock.Instant)>.makeStream()
        await withDiscardingTaskGroup { outer in
            outer.addTask { await self.feed(queue, from: events) }
            outer.addTask {
                await withDiscardingTaskGroup { timers in
                    for await (work, delay) in retries {
                        timers.addTask {
                            try? await Task.sleep(for: delay)
                            await queue.addFirst(work)
                            await self.gate.allowProbe()
                        }
                    }
                }
            }
            outer.addTask {
                for await (report, outcome, started) in settled {
                    self.stats.record(outcome: outcome, since: started)
                    await self.settle(report, outcome: outcome, queue: queue, retry: retryInput)
                }
            }
            await withDiscardingTaskGroup { workers in
                for _ in 0..<max(1, settings.workers) {
                    workers.addTask { await self.work(queue, commit: commit, settled: settledInput, retry: retryInput) }
                }
            }
            await commit.finish()
            settledInput.finish()
            retryInput.finish()
            outer.cancelAll()
        }
    }

    /// Turns watch events into work: arrivals by path, folders and overflows by a scan.
    private func feed(_ queue: WorkQueue, from events: InboxEvents) async {
        for await event in events {
            switch event {
            case .arrived(let url):
                await queue.add(.inbox(url.path))
            case .folderAdded(let folder):
                for url in live.current.claimer.scan(folder) { await queue.add(.inbox(url.path)) }
            case .overflow:
                let found = live.current.claimer.scan()
                logger.notice("inbox rescanned after lost events", metadata: ["found": "\(found.count)"])
                for url in found { await queue.add(.inbox(url.path)) }
            }
        }
    }

    /// One worker: claims, runs the chain, and hands the report to the group commit.
    private func work(_ queue: WorkQueue, commit: GroupCommit, settled: AsyncStream<(SpooledReport, Outcome, ContinuousClock.Instant)>.Continuation,
                      retry: AsyncStream<(Work, Duration)>.Continuation) async {
        while true {
            await gate.pass()
            guard let work = await queue.next() else { return }
            let current = live.current
            let turn = current.flow.arrivals.ticket()
            let report: SpooledReport
            switch work {
            case .inbox(let path):
                do {
                    guard let claimed = try current.claimer.claim(URL(fileURLWithPath: path)) else {
                        turn.pass()
                        continue
                    }
                    report = claimed
                } catch {
                    turn.pass()
                    logger.warning("file cannot be claimed; it stays in the inbox",
                                   metadata: ["report.file": "\(path)", "error": "\(error)"])
                    retry.yield((work, tally.delay(for: path, settings: settings)))
                    continue
                }
            case .spooled(let spooled):
                report = spooled
            }
            let chained = await current.flow.prepare(report, turn: turn)
            await commit.submit(chained) { outcome in settled.yield((report, outcome, chained.started)) }
        }
    }

    /// Counts a committed report, and schedules a retry for one held by a machine fault.
    private func settle(_ report: SpooledReport, outcome: Outcome, queue: WorkQueue,
                        retry: AsyncStream<(Work, Duration)>.Continuation) async {
        tally.count(outcome, key: report.url.path)
        if case .failure(.transient(let reason, let processor)) = outcome {
            if await gate.close() {
                logger.error("machine fault: no more reports are taken until it clears; they wait in the inbox and spool",
                             metadata: ["reason": "\(reason)", "processor": "\(processor ?? "-")", "report.file": "\(report.name)"])
                notifier.notify("STATUS=held by a machine fault: \(reason)")
            }
            retry.yield((.spooled(report), tally.delay(for: report.url.path, settings: settings)))
            return
        }
        if await gate.open() {
            logger.notice("machine fault cleared: taking reports again")
        }
        notifier.notify("STATUS=\(tally.status) queued \(await queue.count)")
    }
}

/// Counts of outcomes so far, and how often each held-back report has been tried.
final class Tally: Sendable {
    private struct State {
        var outcomes: [String: Int] = [:]
        var attempts: [String: Int] = [:]
    }

    private let state = LockedBox(State())

    func count(_ outcome: Outcome, key: String) {
        state.update { state in
            state.outcomes[outcome.status, default: 0] += 1
            if case .failure(.transient) = outcome {
                state.attempts[key, default: 0] += 1
            } else {
                state.attempts[key] = nil
            }
        }
    }

    /// Exponential back-off from `retrySeconds`, doubling per attempt, at most `retryMaxSeconds`.
    func delay(for key: String, settings: InboxService.Settings) -> Duration {
        let attempts = max(1, state.value.attempts[key] ?? 1)
        let seconds = min(settings.retryMaxSeconds, settings.retrySeconds * pow(2, Double(min(attempts - 1, 30))))
        return .milliseconds(Int64(seconds * 1000))
    }

    var status: String {
        let outcomes = state.value.outcomes
        return ["processed", "duplicate", "failed", "deferred"].map { "\($0) \(outcomes[$0, default: 0])" }.joined(separator: ", ")
    }

    var metadata: Logger.Metadata {
        state.value.outcomes.reduce(into: [:]) { $0[$1.key] = "\($1.value)" }
    }
}
