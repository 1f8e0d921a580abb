import Synchronization

/// Turns in the order reports were taken, for a step whose answer depends on which report came first.
///
/// Workers run reports side by side, so without turns the second of two copies could reach dedupe
/// before the first and be filed as the original. Each report takes a ticket when a worker takes it;
/// a step that must see reports in that order waits for the tickets before its own to pass.
public final class ArrivalOrder: Sendable {
    private struct State {
        var issued: UInt64 = 0
        /// Every ticket below this one has passed.
        var lowestOpen: UInt64 = 0
        var passed: Set<UInt64> = []
        var waiting: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The next ticket in arrival order.
    public func ticket() -> ArrivalTurn {
        let number = state.withLock { state in
            defer { state.issued += 1 }
            return state.issued
        }
        return ArrivalTurn(order: self, number: number)
    }

    fileprivate func wait(for number: UInt64) async {
        await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.lowestOpen >= number { return true }
                state.waiting[number] = turn
                return false
            }
            if ready { turn.resume() }
        }
    }

    fileprivate func pass(_ number: UInt64) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.passed.insert(number)
            while state.passed.remove(state.lowestOpen) != nil { state.lowestOpen += 1 }
            let due = state.waiting.keys.filter { $0 <= state.lowestOpen }
            return due.compactMap { state.waiting.removeValue(forKey: $0) }
        }
        ready.forEach { $0.resume() }
    }
}

/// One report's place in an ``ArrivalOrder``; passed once, by the step that needed it or at the end of the chain.
public final class ArrivalTurn: Sendable {
    private let order: ArrivalOrder
    private let number: UInt64
    private let hasPassed = Atomic<Bool>(false)
    private let waitedNanoseconds = Atomic<Int64>(0)

    fileprivate init(order: ArrivalOrder, number: UInt64) {
        self.order = order
        self.number = number
    }

    /// Runs `body` after every earlier report has passed its turn, then passes this one.
    public func inTurn<T>(_ body: () throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        await order.wait(for: number)
        let waited = (ContinuousClock.now - started).components
        waitedNanoseconds.add(waited.seconds * 1_000_000_000 + waited.attoseconds / 1_000_000_000, ordering: .relaxed)
        defer { pass() }
        return try body()
    }

    /// How long this report has waited in `inTurn` for earlier reports, in all.
    public var waited: Duration { .nanoseconds(waitedNanoseconds.load(ordering: .relaxed)) }

    /// Lets later reports go ahead; calling it again does nothing.
    public func pass() {
        if !hasPassed.exchange(true, ordering: .acquiringAndReleasing) { order.pass(number) }
    }
}
