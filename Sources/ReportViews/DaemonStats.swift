import Foundation
import ReportKit
import Synchronization

/// What the daemon has done since it started, updated once per report by the workers and read by the metrics file writer.
public final class DaemonStats: Sendable {
    /// Upper bounds of the processing-time histogram, in seconds.
    public static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// The outcomes counted, each present from the start with 0.
    public static let outcomes = ["processed", "duplicate", "failed", "deferred"]

    /// A consistent copy of the counts.
    public struct Snapshot: Sendable, Equatable {
        public var outcomes: [String: UInt64]
        /// Failed reports by the processor (or stage: claim, intake) that failed them.
        public var failures: [String: UInt64]
        /// Observations at or below each bound of ``DaemonStats/bucketBounds``, not yet cumulative.
        public var buckets: [UInt64]
        public var count: UInt64
        public var sum: Double
        /// Seconds since 1970 of the last processed or duplicate report.
        public var lastSuccess: Double?
    }

    private let state: Mutex<Snapshot>

    public init() {
        state = Mutex(Snapshot(outcomes: Dictionary(uniqueKeysWithValues: Self.outcomes.map { ($0, 0) }), failures: [:],
                               buckets: Array(repeating: 0, count: Self.bucketBounds.count), count: 0, sum: 0,
                               lastSuccess: nil))
    }

    /// Counts one report's outcome and how long it took.
    public func record(outcome: Outcome, seconds: Double, at date: Date = Date()) {
        let processor: String? = if case .failure(.report(_, let processor)) = outcome { Self.label(processor) } else { nil }
        state.withLock { state in
            state.outcomes[outcome.status, default: 0] += 1
            if let processor { state.failures[processor, default: 0] += 1 }
            if let bucket = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { state.buckets[bucket] += 1 }
            state.count += 1
            state.sum += max(0, seconds)
            if outcome == .processed || outcome.status == "duplicate" { state.lastSuccess = date.timeIntervalSince1970 }
        }
    }

    /// As ``record(outcome:seconds:at:)``, timed from `started`.
    public func record(outcome: Outcome, since started: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        record(outcome: outcome, seconds: Double(seconds) + Double(attoseconds) / 1e18)
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// A failure's processor as a label value: a config name or stage, never report text; anything odd is `other`.
    static func label(_ processor: String?) -> String {
        guard let processor, !processor.isEmpty else { return "unknown" }
        let plain = processor.utf8.count <= 64 && processor.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
        }
        return plain ? processor : "other"
    }
}
