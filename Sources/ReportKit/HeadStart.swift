import Synchronization

/// Work a step began as soon as the document was read, running beside the steps before it.
///
/// The step's `process` collects the value; when the chain ends before that step (a duplicate
/// stopped it, or a step failed), the pipeline waits for the work and hands its value to `undo`,
/// so nothing it wrote outlives the report's chain.
public final class HeadStart: Sendable {
    private let task: Task<any Sendable, any Error>
    private let undo: @Sendable (any Sendable) -> Void
    private let collected = Mutex(false)

    public init<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value,
                                 undo: @escaping @Sendable (Value) -> Void) {
        task = Task { try await work() }
        self.undo = { value in
            if let value = value as? Value { undo(value) }
        }
    }

    /// The work's value (or its error); from now on the step that began it owns what it made.
    public func value<Value: Sendable>(as type: Value.Type = Value.self) async throws -> Value {
        collected.withLock { $0 = true }
        guard let value = try await task.value as? Value else {
            preconditionFailure("a head start collected as \(Value.self), which it did not make")
        }
        return value
    }

    /// Waits for work nobody collected and undoes it.
    func discardIfUncollected() async {
        guard !collected.withLock({ $0 }) else { return }
        if let value = try? await task.value { undo(value) }
    }
}
