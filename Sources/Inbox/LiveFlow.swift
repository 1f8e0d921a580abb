import Foundation
import Synchronization

/// The flow and claimer the workers use now; a config reload replaces them between two reports.
public final class LiveFlow: Sendable {
    /// What one configuration gives the workers.
    public struct Current: Sendable {
        public var flow: ReportFlow
        public var claimer: InboxClaimer

        public init(flow: ReportFlow, claimer: InboxClaimer) {
            self.flow = flow
            self.claimer = claimer
        }
    }

    private let box: Mutex<Current>

    public init(_ current: Current) {
        box = Mutex(current)
    }

    public var current: Current { box.withLock { $0 } }

    public func replace(with current: Current) {
        box.withLock { $0 = current }
    }
}
