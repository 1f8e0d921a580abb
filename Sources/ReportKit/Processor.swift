import Logging

/// Whether the chain goes on after a processor.
public enum Flow: Sendable, Equatable {
    /// Hand the document to the next processor.
    case proceed
    /// End the chain here (an exact duplicate, say); the document is what it is now.
    case stop
}

/// One step of the chain: it reads the document, adds to it, and says whether the chain goes on.
///
/// A processor is built once from its configuration and then called for many reports, possibly
/// at once from several workers, so it holds no per-report state.
public protocol Processor: Sendable {
    /// The processor's options from its `[processors.<name>]` table.
    associatedtype Configuration: ProcessorConfiguration = NoOptions

    /// The name used in the config's `pipeline` list.
    static var name: String { get }
    /// Recorded in the provenance of every document the processor touched.
    static var version: String { get }

    /// Reads and adds to `document`. Throw for a report that cannot go on; the pipeline decides what it means.
    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow

    /// Begins, as soon as intake has read the document and beside the steps before this one, work that
    /// needs nothing they add; `process` collects it from `context.headStart`. The default begins nothing.
    func begin(_ document: Document, context: ProcessingContext) -> HeadStart?
}

extension Processor {
    public static var version: String { "1.0.0" }

    public func begin(_ document: Document, context: ProcessingContext) -> HeadStart? { nil }
}

/// What a processor is given for one report besides the document.
public struct ProcessingContext: Sendable {
    /// Carries `report.id`, `report.file` and `processor` as metadata.
    public var logger: Logger
    /// When the current step started, for processors that record their own duration (the archive does).
    public var stepStarted: ContinuousClock.Instant
    /// The name the config gave this step, which provenance records.
    public var processorName: String?
    /// Set when a group commit follows the chain: entries handed here are synced and published by it.
    public var staging: StagedEntries?
    /// This report's turn among reports in flight, for a step that must see them in arrival order.
    public var arrival: ArrivalTurn?
    /// What this step's `begin` started for this report, if it started anything.
    public var headStart: HeadStart?
    /// Every step's head start, by its place in the chain (`Pipeline.run` sets one for each step).
    var headStarts: [HeadStart?] = []

    public init(logger: Logger, stepStarted: ContinuousClock.Instant = .now, processorName: String? = nil,
                staging: StagedEntries? = nil, arrival: ArrivalTurn? = nil) {
        self.logger = logger
        self.stepStarted = stepStarted
        self.processorName = processorName
        self.staging = staging
        self.arrival = arrival
    }
}

/// The options of one processor, decoded from its TOML table; it checks its own values.
public protocol ProcessorConfiguration: Decodable, Sendable {
    /// Throw a ``ConfigurationError`` naming the key whose value is out of range.
    func validate() throws
}

extension ProcessorConfiguration {
    public func validate() throws {}
}

/// The configuration of a processor that takes no options.
public struct NoOptions: ProcessorConfiguration {
    public init() {}
}

/// A value that decoded but is not acceptable, naming its key within the processor's table.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var message: String

    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
