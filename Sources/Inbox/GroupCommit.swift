import CHeap
import Foundation
import Logging
import ReportKit

/// Commits chained reports in groups on a thread of its own, so a sync never blocks a worker.
///
/// Whatever arrives while one group is being synced forms the next group: a lone report is
/// committed at once, and under a burst the groups grow and the syncs per report shrink.
/// At most `capacity` reports wait; a worker that would go past that waits for room. Each waiting
/// report holds its document and rendered files, so the capacity, more than anything else, sets the
/// daemon's peak memory under a burst; 32 a group already makes the syncs a small share of the time.
/// `outbox/index.html` is rendered when nothing else waits and `indexGap` has passed since it was
/// last drawn, at least once every `indexInterval` under a burst, and always before the thread ends:
/// a view need not be redrawn for every group, and under a burst it cost as much as the commit itself.
/// When the thread falls idle after `trimAfter` reports or more, it calls `releaseMemory`, which by default
/// hands the heap's free pages back to the kernel: glibc keeps what a burst freed, and an idle daemon
/// would hold it for nothing (61 MB after a 4,000-report burst, 55 MB once trimmed).
public final class GroupCommit: @unchecked Sendable {
    /// A chained report and what to do with its final outcome.
    struct Pending {
        let chained: ChainedReport
        let settle: @Sendable (Outcome) -> Void
    }

    private let commit: ReportCommit
    private let largestGroup: Int
    private let capacity: Int
    private let indexInterval: Duration
    private let indexGap: Duration
    private let trimAfter: Int
    private let releaseMemory: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Pending] = []
    private var waitingForRoom: [CheckedContinuation<Void, Never>] = []
    private var finishing = false
    private var finished = false
    private var waitingForEnd: [CheckedContinuation<Void, Never>] = []

    /// Starts the commit thread. Groups hold at most `largestGroup` reports.
    public init(_ commit: ReportCommit, largestGroup: Int = 32, capacity: Int = 32,
                indexInterval: Duration = .seconds(1), indexGap: Duration = .milliseconds(100), trimAfter: Int = 64,
                releaseMemory: @escaping @Sendable () -> Void = { _ = reportd_trim_heap() }) {
        self.commit = commit
        self.trimAfter = max(1, trimAfter)
        self.releaseMemory = releaseMemory
        self.indexInterval = indexInterval
        self.indexGap = min(indexGap, indexInterval)
        self.largestGroup = max(1, largestGroup)
        self.capacity = max(self.largestGroup, capacity)
        let thread = Thread { [self] in
            ThreadName.set("reportd-commit")
            self.loop()
        }
        thread.name = "reportd-commit"
        thread.start()
    }

    /// Queues `chained`; `settle` is called with its final outcome once the commit is done with it.
    public func submit(_ chained: ChainedReport, settle: @escaping @Sendable (Outcome) -> Void) async {
        let pending = Pending(chained: chained, settle: settle)
        while true {
            let queued: Bool = condition.withLock {
                guard queue.count < capacity || finishing else { return false }
                queue.append(pending)
                condition.signal()
                return true
            }
            if queued { return }
            await withCheckedContinuation { (room: CheckedContinuation<Void, Never>) in
                let full = condition.withLock {
                    guard queue.count >= capacity, !finishing else { return false }
                    waitingForRoom.append(room)
                    return true
                }
                if !full { room.resume() }
            }
        }
    }

    /// Commits what is queued, stops the thread, and returns when it has.
    public func finish() async {
        await withCheckedContinuation { (end: CheckedContinuation<Void, Never>) in
            let done = condition.withLock {
                if finished { return true }
                finishing = true
                waitingForEnd.append(end)
                condition.signal()
                return false
            }
            if done { end.resume() }
        }
    }

    private func loop() {
        var staleIndex: Logger?
        var indexDrawn = ContinuousClock.now
        var committedSinceTrim = 0
        func drawIndex() {
            guard let logger = staleIndex else { return }
            commit.refreshIndex(logger: logger)
            staleIndex = nil
            indexDrawn = .now
        }
        while true {
            condition.lock()
            while queue.isEmpty && !finishing {
                guard staleIndex != nil else {
                    if committedSinceTrim >= trimAfter {
                        condition.unlock()
                        releaseMemory()
                        committedSinceTrim = 0
                        condition.lock()
                        continue
                    }
                    condition.wait()
                    continue
                }
                let wait = indexDrawn + indexGap - ContinuousClock.now
                if wait <= .zero {
                    condition.unlock()
                    drawIndex()
                    condition.lock()
                } else {
                    _ = condition.wait(until: Date(timeIntervalSinceNow: wait.milliseconds / 1000))
                }
            }
            if queue.isEmpty {
                condition.unlock()
                drawIndex()
                condition.lock()
                finished = true
                let ends = waitingForEnd
                let rooms = waitingForRoom
                waitingForEnd = []
                waitingForRoom = []
                condition.unlock()
                rooms.forEach { $0.resume() }
                ends.forEach { $0.resume() }
                return
            }
            let group = Array(queue.prefix(largestGroup))
            queue.removeFirst(group.count)
            let rooms = waitingForRoom
            waitingForRoom = []
            condition.unlock()
            rooms.forEach { $0.resume() }
            let outcomes = commit.commit(group.map(\.chained))
            committedSinceTrim += group.count
            if outcomes.contains(where: { !$0.isTransient }) { staleIndex = group[0].chained.logger }
            for (pending, outcome) in zip(group, outcomes) { pending.settle(outcome) }
            if ContinuousClock.now - indexDrawn >= indexInterval { drawIndex() }
        }
    }
}

