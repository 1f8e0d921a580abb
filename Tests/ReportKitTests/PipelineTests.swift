import Foundation
import Logging
import Synchronization
import ReportKit
import ReportKitTesting
import Testing

/// Appends its name to a trail in the document's title, so the order of the chain can be read back.
struct TrailProcessor: Processor {
    static let name = "trail"
    static let version = "2.1.0"
    let mark: String
    var flow: Flow = .proceed

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.meta.title = (document.meta.title ?? "") + mark
        return flow
    }
}

struct ThrowingProcessor: Processor {
    static let name = "thrower"
    let error: any Error & Sendable

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        throw error
    }
}

struct MarkDuplicate: Processor {
    static let name = "mark-duplicate"
    let kind: DuplicateReference.Kind

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.duplicate = DuplicateReference(of: "sha256:earlier", kind: kind, similarity: 1)
        return kind == .near ? .proceed : .stop
    }
}

/// Takes its turn in arrival order, as dedupe does, after saying it has started.
struct TurnTaker: Processor {
    static let name = "turn-taker"
    let started: AsyncStream<Void>.Continuation

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        started.yield()
        try await #require(context.arrival).inTurn {}
        return .proceed
    }
}

/// Begins by counting the document's characters and notes what became of the count: collected or undone.
struct CountingAhead: Processor {
    static let name = "counting-ahead"
    /// A list of counts that steps on several tasks append to.
    final class Counts: Sendable {
        private let values = Mutex<[Int]>([])
        func append(_ value: Int) { values.withLock { $0.append(value) } }
        var all: [Int] { values.withLock { $0 } }
    }
    /// Counts collected by `process`, and counts the pipeline undid.
    let collected = Counts()
    let undone = Counts()

    func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        let text = document.text
        return HeadStart({ text.count }, undo: { count in undone.append(count) })
    }

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        let count = try await #require(context.headStart).value(as: Int.self)
        collected.append(count)
        return .proceed
    }
}

@Suite struct PipelineTests {
    @Test func aStepCollectsWhatItsBeginStarted() async {
        let step = CountingAhead()
        let result = await EmbeddedPipeline([TrailProcessor(mark: "a"), step]).feed("一、总体情况")
        #expect(result.outcome == .processed)
        #expect(step.collected.all == [6])
        #expect(step.undone.all.isEmpty)
    }

    @Test func whatABeginStartedIsUndoneWhenTheChainStopsOrFailsBeforeItsStep() async {
        let stopped = CountingAhead()
        let duplicate = await EmbeddedPipeline([MarkDuplicate(kind: .exact), stopped]).feed("一二三")
        #expect(duplicate.outcome == .duplicate(of: "sha256:earlier"))
        #expect(stopped.collected.all.isEmpty)
        #expect(stopped.undone.all == [3])

        let failed = CountingAhead()
        let result = await EmbeddedPipeline([ThrowingProcessor(error: POSIXError(.EIO)), failed]).feed("一二")
        #expect(result.outcome.status == "deferred")
        #expect(failed.collected.all.isEmpty)
        #expect(failed.undone.all == [2])
    }

    @Test func aStepWaitingForAnEarlierReportRecordsTheWaitApartFromItsTime() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let pipeline = EmbeddedPipeline([TurnTaker(started: signal), TrailProcessor(mark: "a")])
        let order = ArrivalOrder()
        let earlier = order.ticket(), later = order.ticket()
        let run = Task {
            await pipeline.pipeline.run(EmbeddedPipeline.document("x"), logger: pipeline.logger, arrival: later)
        }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        // The earlier report takes 30 ms more to reach its turn: that is the wait being measured.
        try await Task.sleep(for: .milliseconds(30))
        earlier.pass()
        let steps = await run.value.document.provenance
        #expect(steps.map(\.processor) == ["turn-taker", "trail"])
        let waited = try #require(steps[0].waitedMs)
        #expect(waited >= 20)
        #expect(steps[0].ms < waited)
        #expect(steps[1].waitedMs == nil)
        let json = try #require(String(data: try StreamingJSONEncoder().encode(steps), encoding: .utf8))
        #expect(json.components(separatedBy: "\"waited_ms\"").count == 2)
    }

    @Test func runsProcessorsInConfiguredOrder() async {
        let result = await EmbeddedPipeline([
            TrailProcessor(mark: "a"), TrailProcessor(mark: "b"), TrailProcessor(mark: "c"),
        ]).feed("一、总体情况")
        #expect(result.document.meta.title == "abc")
        #expect(result.outcome == .processed)
    }

    @Test func stopEndsTheChainAndSkipsTheRest() async {
        let result = await EmbeddedPipeline([
            TrailProcessor(mark: "a"), TrailProcessor(mark: "b", flow: .stop), TrailProcessor(mark: "c"),
        ]).feed("text")
        #expect(result.document.meta.title == "ab")
        #expect(result.document.provenance.count == 2)
    }

    @Test func recordsProvenanceForEveryStepThatRan() async {
        let result = await EmbeddedPipeline([TrailProcessor(mark: "a"), TrailProcessor(mark: "b")]).feed("x")
        #expect(result.document.provenance.map(\.processor) == ["trail", "trail"])
        #expect(result.document.provenance.allSatisfy { $0.version == "2.1.0" && $0.ms >= 0 })
    }

    @Test func thrownErrorBecomesAFailedOutcomeNamingTheProcessor() async {
        let result = await EmbeddedPipeline([
            TrailProcessor(mark: "a"), ThrowingProcessor(error: ReportRejected("表格无法解析")), TrailProcessor(mark: "c"),
        ]).feed("x")
        #expect(result.outcome == .failure(.report(reason: "表格无法解析", processor: "thrower")))
        #expect(result.outcome.status == "failed")
        #expect(result.document.meta.title == "a")
        #expect(result.document.provenance.map(\.processor) == ["trail"])
    }

    @Test(arguments: [POSIXErrorCode.ENOSPC, .EACCES, .EROFS])
    func machineFaultsAreTransient(code: POSIXErrorCode) async {
        let result = await EmbeddedPipeline([ThrowingProcessor(error: POSIXError(code))]).feed("x")
        guard case .failure(.transient(_, let processor)) = result.outcome else {
            Issue.record("expected a transient failure, got \(result.outcome)")
            return
        }
        #expect(processor == "thrower")
        #expect(result.outcome.status == "deferred")
    }

    @Test func unknownErrorsAreTheReportsFault() async {
        struct Odd: Error {}
        let result = await EmbeddedPipeline([ThrowingProcessor(error: Odd())]).feed("x")
        guard case .failure(.report) = result.outcome else {
            Issue.record("expected a report failure, got \(result.outcome)")
            return
        }
    }

    @Test func exactDuplicateStopsWithDuplicateOutcome() async {
        let result = await EmbeddedPipeline([MarkDuplicate(kind: .exact), TrailProcessor(mark: "x")]).feed("x")
        #expect(result.outcome == .duplicate(of: "sha256:earlier"))
        #expect(result.document.meta.title == nil)
    }

    @Test func nearDuplicateIsStillProcessed() async {
        let result = await EmbeddedPipeline([MarkDuplicate(kind: .near), TrailProcessor(mark: "x")]).feed("x")
        #expect(result.outcome == .processed)
        #expect(result.document.meta.title == "x")
    }
}

/// Notes the text's length, computed ahead of its turn when it can be and in its turn otherwise.
struct LengthAhead: Processor {
    static let name = "length-ahead"

    func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        .computing(document) { "ahead \($0.text.count)" }
    }

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.meta.title = await context.headStart?.computed(String.self, for: document) ?? "in turn \(document.text.count)"
        return .proceed
    }
}

@Suite struct ComputedAheadTests {
    @Test func aValueComputedAheadIsTakenWhileTheTextAndMetadataAreAsIntakeReadThem() async {
        let result = await EmbeddedPipeline([RewritingStep(), LengthAhead()]).feed("一二三")
        #expect(result.document.meta.title == "ahead 3")
    }

    @Test func aStepThatChangedTheTextOrMetadataMakesTheLaterStepComputeInItsTurn() async {
        let text = await EmbeddedPipeline([RewritingStep(text: "一二三四"), LengthAhead()]).feed("一二三")
        #expect(text.document.meta.title == "in turn 4")
        let meta = await EmbeddedPipeline([RewritingStep(meta: Metadata(issuer: "青禾县司法局")), LengthAhead()]).feed("一二三")
        #expect(meta.document.meta.title == "in turn 3")
    }
}
