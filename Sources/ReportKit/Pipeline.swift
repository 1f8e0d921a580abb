import Foundation
import Logging

/// The configured processors, folded into one chain that runs a document through them in order.
public struct Pipeline: Sendable {
    /// A processor under the name the config gave it.
    public struct Stage: Sendable {
        public let name: String
        public let processor: any Processor

        public init(name: String, processor: any Processor) {
            self.name = name
            self.processor = processor
        }
    }

    typealias Link = @Sendable (inout Document, ProcessingContext) async throws -> Void

    public let stages: [Stage]
    private let chain: Link

    public init(_ stages: [Stage]) {
        self.stages = stages
        let end: Link = { _, _ in }
        self.chain = stages.indices.reversed().reduce(end) { next, index in
            Pipeline.link(stages[index], at: index, next: next)
        }
    }

    public var names: [String] { stages.map(\.name) }

    /// Runs the chain on `document`. Every thrown error ends here and becomes a failed outcome.
    /// With `staging`, processors leave their archive entries to the group commit that follows;
    /// with `arrival`, a step that must see reports in arrival order waits for its turn.
    public func run(_ document: Document, logger: Logger, staging: StagedEntries? = nil,
                    arrival: ArrivalTurn? = nil) async -> PipelineResult {
        var document = document
        let base = ProcessingContext(logger: logger, staging: staging, arrival: arrival)
        var context = base
        context.headStarts = stages.map { stage in
            var own = base
            own.logger[metadataKey: "processor"] = "\(stage.name)"
            own.processorName = stage.name
            return stage.processor.begin(document, context: own)
        }
        let outcome: Outcome?
        do {
            try await chain(&document, context)
            outcome = nil
        } catch let error as StepFailure {
            outcome = .failure(error.classified)
        } catch {
            outcome = .failure(.report(reason: "\(error)", processor: nil))
        }
        for head in context.headStarts { await head?.discardIfUncollected() }
        if let outcome { return PipelineResult(document: document, outcome: outcome) }
        if let duplicate = document.duplicate, duplicate.kind != .near {
            return PipelineResult(document: document, outcome: .duplicate(of: duplicate.of))
        }
        return PipelineResult(document: document, outcome: .processed)
    }

    private static func link(_ stage: Stage, at index: Int, next: @escaping Link) -> Link {
        { @Sendable document, chainContext in
            var context = chainContext
            context.headStart = chainContext.headStarts[index]
            context.logger[metadataKey: "processor"] = "\(stage.name)"
            let started = ContinuousClock.now
            context.stepStarted = started
            context.processorName = stage.name
            let waitedBefore = context.arrival?.waited ?? .zero
            let flow: Flow
            do {
                flow = try await stage.processor.process(&document, context: context)
            } catch {
                throw StepFailure(processor: stage.name, underlying: error)
            }
            // Time spent waiting for earlier reports is not the step's work: it is kept apart.
            let waited = (context.arrival?.waited ?? .zero) - waitedBefore
            let processorType = type(of: stage.processor)
            document.provenance.append(Provenance(
                processor: stage.name, version: processorType.version,
                ms: (ContinuousClock.now - started - waited).milliseconds,
                waitedMs: waited > .zero ? waited.milliseconds : nil))
            if flow == .proceed {
                try await next(&document, chainContext)
            }
        }
    }
}

/// What became of a document in the chain.
public struct PipelineResult: Sendable {
    public var document: Document
    public var outcome: Outcome
}

/// The end state of one report.
public enum Outcome: Sendable, Equatable {
    case processed
    /// `of` is nil when the report repeats an earlier arrival of the same bytes (the same id).
    case duplicate(of: String?)
    case failure(Failure)

    /// The receipt's `status`.
    public var status: String {
        switch self {
        case .processed: "processed"
        case .duplicate: "duplicate"
        case .failure(.transient): "deferred"
        case .failure(.report): "failed"
        }
    }
}

/// Why a report did not get through, and whose fault that is.
public enum Failure: Sendable, Equatable, Error, CustomStringConvertible {
    /// The report itself cannot be processed: it goes to `failed/` with this reason.
    case report(reason: String, processor: String?)
    /// The machine, not the report (disk full, permission on the archive): keep it and retry.
    case transient(reason: String, processor: String?)

    public var reason: String {
        switch self {
        case .report(let reason, _), .transient(let reason, _): reason
        }
    }

    public var processor: String? {
        switch self {
        case .report(_, let processor), .transient(_, let processor): processor
        }
    }

    public var description: String {
        processor.map { "\($0): \(reason)" } ?? reason
    }
}

/// An error a processor throws when the fault is the machine's and retrying later can succeed.
public struct TransientError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// An error a processor throws when the report itself is at fault.
public struct ReportRejected: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

struct StepFailure: Error {
    let processor: String
    let underlying: any Error

    /// The one place that decides what a processor's error means for the report.
    var classified: Failure {
        switch underlying {
        case let error as TransientError:
            return .transient(reason: error.description, processor: processor)
        case let error as ReportRejected:
            return .report(reason: error.description, processor: processor)
        case let error as POSIXError where Self.machineFaults.contains(error.code):
            return .transient(reason: error.localizedDescription, processor: processor)
        case let error as CocoaError where error.isMachineFault:
            return .transient(reason: error.localizedDescription, processor: processor)
        default:
            return .report(reason: "\(underlying)", processor: processor)
        }
    }

    static let machineFaults: Set<POSIXErrorCode> = [.ENOSPC, .EDQUOT, .EACCES, .EPERM, .EROFS, .EIO, .EMFILE, .ENFILE, .ENOMEM]
}

extension CocoaError {
    var isMachineFault: Bool {
        if let posix = (userInfo[NSUnderlyingErrorKey] as? NSError).flatMap({ POSIXErrorCode(rawValue: Int32($0.code)) }),
           StepFailure.machineFaults.contains(posix) {
            return true
        }
        return [.fileWriteOutOfSpace, .fileWriteNoPermission, .fileWriteVolumeReadOnly].contains(code)
    }
}

extension Duration {
    /// The duration in milliseconds, as a fraction.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
