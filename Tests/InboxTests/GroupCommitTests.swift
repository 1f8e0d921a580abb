import Foundation
import GRDB
import Inbox
import InMemoryLogging
import Logging
import ReportIntake
import ReportKit
import ReportStore
import Synchronization
import Testing

/// Stages an entry the way the archive step does under a group commit: a hidden folder, handed over unsynced.
struct StagingMarker: Processor {
    static let name = "staging-marker"
    let root: DataRoot

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        let entry = ArchiveLayout.entry(for: document, in: root)
        let parent = entry.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staged = parent.appendingPathComponent(".\(entry.lastPathComponent)\(ArchiveLayout.partialMarker)\(UniqueToken.make())")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: false)
        try DurableFile.writeFile(Data(document.text.utf8), to: staged.appendingPathComponent("text.txt"), sync: false)
        guard let staging = context.staging else { throw ReportRejected("no group commit follows") }
        staging.publishWhenDurable(staged, at: entry)
        return .proceed
    }
}

@Suite struct GroupCommitTests {
    let root: DataRoot
    let catalogue: Catalogue
    let flow: ReportFlow

    init() throws {
        root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("commit-\(UUID().uuidString)"))
        try root.create()
        catalogue = try Catalogue(url: root.catalogue)
        let marker = StagingMarker(root: root)
        flow = ReportFlow(root: root, reader: ReportReader(),
                          pipeline: Pipeline([Pipeline.Stage(name: StagingMarker.name, processor: marker)]),
                          catalogue: catalogue, logger: Logger(label: "test", factory: { _ in InMemoryLogHandler() }))
    }

    func spool(_ name: String, _ text: String) throws -> SpooledReport {
        let file = root.inbox.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return try Spool(root: root).claim(file, name: name)
    }

    func partials() throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.archive.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { ArchiveLayout.isPartial(($0 as NSString).lastPathComponent) }
    }

    @Test func aStagedEntryIsInvisibleUntilItsGroupIsCommitted() async throws {
        let report = try spool("甲局.txt", "一、总体情况\n全年开展学法12次。\n")
        let chained = await flow.prepare(report)
        let entry = ArchiveLayout.entry(for: try #require(chained.document), in: root)
        #expect(!FileManager.default.fileExists(atPath: entry.path))
        #expect(try partials().count == 1)
        #expect(!FileManager.default.fileExists(atPath: root.outbox.appendingPathComponent("甲局.txt.json").path))

        let outcome = ReportCommit(root: root, catalogue: catalogue).commit([chained])
        #expect(outcome == [.processed])
        #expect(FileManager.default.fileExists(atPath: entry.appendingPathComponent("text.txt").path))
        #expect(try partials().isEmpty)
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: root.outbox.appendingPathComponent("甲局.txt.json")))
        #expect(receipt.archive == root.relativePath(of: entry))
        #expect(try Spool(root: root).pending().isEmpty)
    }

    @Test func manyReportsSubmittedTogetherAreAllFiledToldAndReleased() async throws {
        let commit = GroupCommit(ReportCommit(root: root, catalogue: catalogue), largestGroup: 16, capacity: 16)
        let settled = Collected<[String: Outcome]>([:])
        let names = (0..<60).map { "第\($0)号.txt" }
        await withDiscardingTaskGroup { group in
            for (index, name) in names.enumerated() {
                group.addTask {
                    guard let report = try? spool(name, "一、总体情况\n本局第\(index)次报告，开展培训\(index)场。\n") else { return }
                    let chained = await flow.prepare(report)
                    await commit.submit(chained) { outcome in settled.value.withLock { $0[name] = outcome } }
                }
            }
        }
        await commit.finish()
        let outcomes = settled.value.withLock { $0 }
        #expect(outcomes.count == names.count)
        #expect(outcomes.values.allSatisfy { $0 == .processed })
        for name in names {
            let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: root.outbox.appendingPathComponent("\(name).json")))
            let archive = try #require(receipt.archive)
            #expect(FileManager.default.fileExists(atPath: root.url.appendingPathComponent(archive).appendingPathComponent("text.txt").path))
        }
        #expect(try catalogue.reports().count == names.count)
        #expect(try Spool(root: root).pending().isEmpty)
        #expect(try partials().isEmpty)
    }

    @Test func theHeapIsHandedBackOnceTheThreadFallsIdleAfterEnoughReports() async throws {
        let (released, signal) = AsyncStream.makeStream(of: Void.self)
        let events = Collected<[String]>([])
        let commit = GroupCommit(ReportCommit(root: root, catalogue: catalogue), indexGap: .milliseconds(1), trimAfter: 3,
                                 releaseMemory: { events.value.withLock { $0.append("released") }; signal.yield() })
        for index in 0..<3 {
            let report = try spool("丁局\(index).txt", "一、总体情况\n第\(index)次报告，开展培训\(index)场。\n")
            let chained = await flow.prepare(report)
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                Task { await commit.submit(chained) { _ in events.value.withLock { $0.append("committed \(index)") }; done.resume() } }
            }
            // Between reports the thread falls idle (it draws the index first): with fewer than three
            // committed it must not hand the heap back there.
            let page = root.outbox.appendingPathComponent("index.html")
            let end = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < end,
                  (try? String(contentsOf: page, encoding: .utf8))?.contains("丁局\(index).txt") != true { await Task.yield() }
        }
        let seen = await withTaskGroup(of: Bool.self) { race in
            race.addTask { for await _ in released { return true }; return false }
            race.addTask { try? await Task.sleep(for: .seconds(30)); return false }
            let first = await race.next() ?? false
            race.cancelAll()
            return first
        }
        #expect(seen)
        await commit.finish()
        #expect(events.value.withLock { $0 } == ["committed 0", "committed 1", "committed 2", "released"])
    }

    @Test func anEntryFiledBeforeACrashIsKeptAndTheStagedCopyDropped() async throws {
        let report = try spool("乙局.txt", "一、总体情况\n全年办理复议案件3件。\n")
        let chained = await flow.prepare(report)
        let entry = ArchiveLayout.entry(for: try #require(chained.document), in: root)
        try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: true)
        try Data("filed before the crash".utf8).write(to: entry.appendingPathComponent("text.txt"))

        #expect(ReportCommit(root: root, catalogue: catalogue).commit([chained]) == [.processed])
        #expect(try String(contentsOf: entry.appendingPathComponent("text.txt"), encoding: .utf8) == "filed before the crash")
        #expect(try partials().isEmpty)
        #expect(try Spool(root: root).pending().isEmpty)
    }

    @Test func aCatalogueThatRefusesTheGroupKeepsTheReportInTheSpoolUntilARunRecordsIt() async throws {
        let report = try spool("丙局.txt", "一、总体情况\n全年组织旁听庭审2次。\n")
        let refusal = try DatabaseQueue(path: root.catalogue.path)
        try await refusal.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON outcome BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        let commit = ReportCommit(root: root, catalogue: catalogue)
        let first = commit.commit([await flow.prepare(report)])
        guard case .failure(.transient) = first[0] else {
            Issue.record("expected the report held back, got \(first)")
            return
        }
        #expect(try Spool(root: root).pending() == [report])
        #expect(try catalogue.reports().isEmpty)

        try await refusal.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        let second = commit.commit([await flow.prepare(report)])
        #expect(second == [.processed])
        #expect(try catalogue.reports().count == 1)
        #expect(try Spool(root: root).pending().isEmpty)
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: root.outbox.appendingPathComponent("丙局.txt.json")))
        #expect(receipt.status == "processed")
    }

    @Test func aFailedReportIsShelvedWithItsReasonAndNoEntry() async throws {
        let report = try spool("坏.txt", "")
        let chained = await flow.prepare(report)
        let outcome = ReportCommit(root: root, catalogue: catalogue).commit([chained])
        guard case .failure(.report) = outcome[0] else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(FileManager.default.fileExists(atPath: root.failed.appendingPathComponent("坏.txt.reason.json").path))
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: root.outbox.appendingPathComponent("坏.txt.json")))
        #expect(receipt.status == "failed")
        #expect(try partials().isEmpty)
    }
}

@Suite struct ArrivalOrderTests {
    @Test func aLaterTicketWaitsForEveryEarlierOneToPass() async throws {
        let order = ArrivalOrder()
        let tickets = (0..<5).map { _ in order.ticket() }
        let seen = Collected<[Int]>([])
        await withDiscardingTaskGroup { group in
            // Started last first: without turns they would mostly run in this order.
            for index in tickets.indices.reversed() {
                group.addTask {
                    await tickets[index].inTurn { seen.value.withLock { $0.append(index) } }
                }
            }
        }
        #expect(seen.value.withLock { $0 } == [0, 1, 2, 3, 4])
    }

    @Test func aTicketPassedWithoutItsTurnLetsTheRestGo() async throws {
        let order = ArrivalOrder()
        let first = order.ticket()
        let second = order.ticket()
        first.pass()
        first.pass()
        let ran = await second.inTurn { true }
        #expect(ran)
    }
}

/// Values tasks of a test add to, read once they are done.
final class Collected<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}
