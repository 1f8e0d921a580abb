import Foundation
import Inbox
import InMemoryLogging
import Logging
import ReportIntake
import ReportKit
import ReportKitTesting
import ReportStore
import Testing

/// Files each document under the archive layout, so the flow's receipt can point at it.
struct EntryMarker: Processor {
    static let name = "entry-marker"
    let root: DataRoot

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        let entry = ArchiveLayout.entry(for: document, in: root)
        try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: true)
        return .proceed
    }
}

struct AlwaysFull: Processor {
    static let name = "full-disk"
    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        throw POSIXError(.ENOSPC)
    }
}

@Suite struct ReportFlowTests {
    let root: DataRoot
    let logs = InMemoryLogHandler()

    init() throws {
        root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("flow-\(UUID().uuidString)"))
        try root.create()
    }

    func flow(_ processors: [any Processor]) throws -> ReportFlow {
        let handler = logs
        return ReportFlow(
            root: root, reader: ReportReader(),
            pipeline: Pipeline(processors.map { Pipeline.Stage(name: type(of: $0).name, processor: $0) }),
            catalogue: try Catalogue(url: root.catalogue),
            logger: Logger(label: "test", factory: { _ in handler }))
    }

    func spool(_ name: String, _ data: Data) throws -> SpooledReport {
        let file = root.inbox.appendingPathComponent(name)
        try data.write(to: file)
        return try Spool(root: root).claim(file, name: name)
    }

    func receipt(_ name: String) throws -> Receipt {
        try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: root.outbox.appendingPathComponent("\(name).json")))
    }

    @Test func processedReportGetsReceiptCatalogueRowAndLeavesTheSpool() async throws {
        let report = try spool("县局报告.txt", Data("一、总体情况\n全年开展学法12次。\n".utf8))
        let outcome = try await flow([EntryMarker(root: root)]).handle(report)
        #expect(outcome == .processed)
        let receipt = try receipt("县局报告.txt")
        #expect(receipt.status == "processed")
        #expect(receipt.archive?.hasPrefix("archive/unknown/unknown/") == true)
        #expect(try Spool(root: root).pending().isEmpty)
        #expect(try Catalogue(url: root.catalogue).report(id: receipt.id!) != nil)

        let line = try #require(logs.entries.first { $0.message == "report done" })
        #expect(line.level == .info)
        #expect(line.metadata["report.id"] == "\(receipt.id!)")
        #expect(line.metadata["report.file"] == "县局报告.txt")
        #expect(line.metadata["outcome"] == "processed")
    }

    @Test(arguments: [
        ("empty.txt", Data(), "empty"),
        ("binary.txt", Data([0x00, 0x01, 0x02, 0xFF, 0x00]), "binary"),
        ("latin1.txt", Data([0x63, 0x61, 0x66, 0xE9, 0x0A]), "encoding"),
    ])
    func badFilesGoToFailedWithAReason(name: String, data: Data, reasonWord: String) async throws {
        let report = try spool(name, data)
        let outcome = try await flow([EntryMarker(root: root)]).handle(report)
        #expect(outcome.status == "failed")
        #expect(try Data(contentsOf: root.failed.appendingPathComponent(name)) == data)
        let reason = try JSONDecoder().decode(FailureReason.self,
                                              from: Data(contentsOf: root.failed.appendingPathComponent("\(name).reason.json")))
        #expect(reason.reason.contains(reasonWord))
        #expect(try receipt(name).status == "failed")
        #expect(try Spool(root: root).pending().isEmpty)
    }

    @Test func machineFaultLeavesTheReportInTheSpool() async throws {
        let report = try spool("a.txt", Data("正文".utf8))
        let outcome = try await flow([AlwaysFull()]).handle(report)
        #expect(outcome.status == "deferred")
        #expect(try Spool(root: root).pending() == [report])
        #expect(!FileManager.default.fileExists(atPath: root.outbox.appendingPathComponent("a.txt.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.failed.path).isEmpty)
    }

    @Test func aSecondFailureUnderTheSameNameKeepsTheFirst() async throws {
        for _ in 0..<2 {
            _ = try await flow([]).handle(try spool("x.txt", Data()))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: root.failed.path).sorted()
        #expect(names == ["x.txt", "x.txt.2", "x.txt.2.reason.json", "x.txt.reason.json"])
    }

    @Test func spoolNamesKeepTheOriginalName() throws {
        let report = try spool("报告@2023.txt", Data("x".utf8))
        #expect(report.name == "报告@2023.txt")
        #expect(SpooledReport(url: report.url)?.name == "报告@2023.txt")
        #expect(SpooledReport(url: root.spool.appendingPathComponent(".tmp-copy")) == nil)
    }
}
