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

/// A value a step computed ahead of its turn, with the text and metadata it was computed from.
struct ComputedAhead<Value: Sendable>: Sendable {
    let text: String
    let meta: Metadata
    let value: Value
}

extension HeadStart {
    /// Begins computing `work` on the document as intake read it; there is nothing to undo. For a step
    /// whose work reads only the text and metadata, so that a lone report's steps run on both cores.
    public static func computing<Value: Sendable>(_ document: Document,
                                                  _ work: @escaping @Sendable (Document) -> Value) -> HeadStart {
        HeadStart({ ComputedAhead(text: document.text, meta: document.meta, value: work(document)) }, undo: { _ in })
    }

    /// What ``computing(_:_:)`` began, when `document` still has the text and metadata it read
    /// (a step before this one, an exec step say, may have changed them); nil otherwise.
    public func computed<Value: Sendable>(_ type: Value.Type = Value.self, for document: Document) async -> Value? {
        guard let ahead = try? await value(as: ComputedAhead<Value>.self),
              ahead.text == document.text, ahead.meta == document.meta else { return nil }
        return ahead.value
    }
}
