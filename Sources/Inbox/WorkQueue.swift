/// One piece of work for a worker: a name in the inbox to claim, or a report already in the spool.
public enum Work: Sendable, Hashable {
    case inbox(String)
    case spooled(SpooledReport)
}

extension SpooledReport: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(url) }
}

/// The work waiting for a worker, first in first out; an inbox path waiting twice is queued once.
actor WorkQueue {
    private var items: [Work] = []
    private var head = 0
    private var queued: Set<Work> = []
    private var urgent: [Work] = []
    private var waiters: [CheckedContinuation<Work?, Never>] = []
    private var finished = false

    /// Puts `work` before everything waiting: a retry that probes whether a machine fault has cleared.
    func addFirst(_ work: Work) {
        guard !finished else { return }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: work)
            return
        }
        urgent.append(work)
    }

    /// Adds `work` unless the same work is already waiting. Ignored once the queue is finished.
    func add(_ work: Work) {
        guard !finished, !queued.contains(work) else { return }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: work)
            return
        }
        queued.insert(work)
        items.append(work)
    }

    /// The next work, waiting for some if there is none; nil once the queue is finished.
    func next() async -> Work? {
        if !urgent.isEmpty { return urgent.removeFirst() }
        if head < items.count {
            let work = items[head]
            head += 1
            queued.remove(work)
            if head > 1024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return work
        }
        if finished { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Stops handing out work: waiting workers get nil. What was queued stays in the inbox or spool.
    func finish() {
        finished = true
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters.removeAll()
    }

    var count: Int { items.count - head + urgent.count }
}
