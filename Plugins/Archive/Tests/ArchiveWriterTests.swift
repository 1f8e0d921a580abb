import ArchiveProcessor
import Foundation
import ReportKit
import ReportKitTesting
import Testing

@Suite struct ArchiveWriterTests {
    let root: DataRoot

    init() throws {
        root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("archive-test-\(UUID().uuidString)"))
        try root.create()
    }

    func document(issuer: String? = "某县科学技术局", year: Int? = 2023) -> Document {
        var document = EmbeddedPipeline.document("一、总体情况\n全年开展学法12次。", name: "县局报告.txt")
        document.meta = Metadata(issuer: issuer, year: year, date: "2024-01-10", title: "2023年法治政府建设情况的报告")
        return document
    }

    @Test func writesTheEntryWithOriginalTextAndDocument() async throws {
        let result = await EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)]).feed(document())
        #expect(result.outcome == .processed)
        let entry = ArchiveLayout.entry(for: result.document, in: root)
        #expect(entry.path.hasSuffix("archive/某县科学技术局/2023/\(result.document.digest)"))
        let names = try FileManager.default.contentsOfDirectory(atPath: entry.path).sorted()
        #expect(names == ["document.json", "original.txt", "report.html", "report.md", "text.txt"])
        let original = try Data(contentsOf: entry.appendingPathComponent("original.txt"))
        #expect(original == result.document.original)
        let text = try String(contentsOf: entry.appendingPathComponent("text.txt"), encoding: .utf8)
        #expect(text == result.document.text)
        let filed = try JSONDecoder().decode(Document.self, from: Data(contentsOf: entry.appendingPathComponent("document.json")))
        #expect(filed.id == result.document.id)
        #expect(filed.provenance.map(\.processor) == ["archive"])
    }

    @Test func unknownIssuerAndYearFileUnderUnknown() async throws {
        let result = await EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)])
            .feed(document(issuer: nil, year: nil))
        let entry = ArchiveLayout.entry(for: result.document, in: root)
        #expect(FileManager.default.fileExists(atPath: entry.path))
        #expect(entry.deletingLastPathComponent().lastPathComponent == "unknown")
        #expect(entry.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent == "unknown")
    }

    @Test func anExistingEntryIsNotWrittenTwiceAndNoPartialIsLeft() async throws {
        let archive = EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)])
        let first = await archive.feed(document())
        let entry = ArchiveLayout.entry(for: first.document, in: root)
        let marker = entry.appendingPathComponent("document.json")
        let before = try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date
        let second = await archive.feed(document())
        #expect(second.outcome == .processed)
        let after = try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date
        #expect(before == after)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: entry.deletingLastPathComponent().path)
        #expect(siblings == [entry.lastPathComponent])
    }

    @Test func unwritableArchiveIsATransientFault() async throws {
        let block = try WriteBlock(root.archive)
        defer { try? block.lift() }
        let result = await EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)]).feed(document())
        guard case .failure(.transient(_, let processor)) = result.outcome else {
            Issue.record("expected transient, got \(result.outcome)")
            return
        }
        #expect(processor == "archive")
        try block.lift()
        let retried = await EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)]).feed(document())
        #expect(retried.outcome == .processed)
        #expect(FileManager.default.fileExists(atPath: ArchiveLayout.entry(for: retried.document, in: root).path))
    }

    @Test func aNearDuplicatesPageLinksToTheEarlierEntrysPage() async throws {
        let first = await EmbeddedPipeline([ArchiveWriter(configuration: .init(), root: root)]).feed(document())
        let firstEntry = root.relativePath(of: ArchiveLayout.entry(for: first.document, in: root))
        var resent = EmbeddedPipeline.document("一、总体情况\n全年开展学法12次，新增1次。", name: "县局报告（修改稿）.txt")
        resent.meta = Metadata(issuer: "某县#科技局", year: 2024)
        resent.duplicate = DuplicateReference(of: first.document.id, kind: .near, similarity: 0.8)
        let writer = ArchiveWriter(configuration: .init(), root: root,
                                   lookup: { $0 == first.document.id ? firstEntry : nil })
        let second = await EmbeddedPipeline([writer]).feed(resent)
        let page = ArchiveLayout.entry(for: second.document, in: root).appendingPathComponent("report.html")
        let parsed = try XHTMLPage(String(contentsOf: page, encoding: .utf8))
        let link = try #require(parsed.all("a").first { $0.text == first.document.id })
        let href = try #require(link.attributes["href"]?.removingPercentEncoding)
        let target = URL(fileURLWithPath: href, relativeTo: page).standardizedFileURL
        #expect(target.path == ArchiveLayout.entry(for: first.document, in: root).appendingPathComponent("report.html").path)
        #expect(FileManager.default.fileExists(atPath: target.path))
    }

    @Test func thePageCanBeSwitchedOff() async throws {
        var configuration = ArchiveWriter.Configuration()
        configuration.html = false
        let result = await EmbeddedPipeline([ArchiveWriter(configuration: configuration, root: root)]).feed(document())
        let entry = ArchiveLayout.entry(for: result.document, in: root)
        #expect(!FileManager.default.fileExists(atPath: entry.appendingPathComponent("report.html").path))
    }

    /// Stops the chain as an exact duplicate would.
    struct StopHere: Processor {
        static let name = "stop-here"
        func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
            .stop
        }
    }

    /// Gives the report another issuer, as an exec step may.
    struct Reissue: Processor {
        static let name = "reissue"
        func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
            document.meta.issuer = "某市司法局"
            return .proceed
        }
    }

    /// Every name under `archive/`, folders and files, relative to it.
    func archiveTree() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: root.archive.path).sorted()
    }

    @Test func aChainStoppedBeforeTheArchiveLeavesNothingOfTheEntryItBegan() async throws {
        let archive = ArchiveWriter(configuration: .init(), root: root)
        let result = await EmbeddedPipeline([StopHere(), archive]).feed(document())
        #expect(result.outcome == .processed)
        let entry = ArchiveLayout.entry(for: result.document, in: root)
        #expect(!FileManager.default.fileExists(atPath: entry.path))
        // The begun folder and its files are gone; at most the issuer and year folders remain.
        #expect(try archiveTree().allSatisfy { !$0.contains(ArchiveLayout.partialMarker) && !$0.hasSuffix(".txt") })
    }

    @Test func aStepThatMovesTheEntryGetsItFiledWhereItNowBelongs() async throws {
        let archive = ArchiveWriter(configuration: .init(), root: root)
        let result = await EmbeddedPipeline([Reissue(), archive]).feed(document())
        #expect(result.outcome == .processed)
        let entry = ArchiveLayout.entry(for: result.document, in: root)
        #expect(entry.path.contains("/archive/某市司法局/2023/"))
        let names = try FileManager.default.contentsOfDirectory(atPath: entry.path).sorted()
        #expect(names == ["document.json", "original.txt", "report.html", "report.md", "text.txt"])
        #expect(try Data(contentsOf: entry.appendingPathComponent("original.txt")) == result.document.original)
        #expect(try archiveTree().allSatisfy { !$0.contains(ArchiveLayout.partialMarker) })
        #expect(try archiveTree().filter { $0.hasSuffix("text.txt") }.count == 1)
    }

    /// Files this process holds open under the test's data root.
    func openUnderRoot() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))
                .flatMap { $0.hasPrefix(root.url.path) ? $0 : nil }
        }
    }

    @Test func theFilesCreatedAheadAreClosedWhetherTheEntryIsFiledDroppedOrMoved() async throws {
        let archive = ArchiveWriter(configuration: .init(), root: root)
        let filed = await EmbeddedPipeline([archive]).feed(document())
        let dropped = await EmbeddedPipeline([StopHere(), archive]).feed(document(year: 2022))
        let moved = await EmbeddedPipeline([Reissue(), archive]).feed(document(year: 2021))
        #expect([filed, dropped, moved].allSatisfy { $0.outcome == .processed })
        let entry = ArchiveLayout.entry(for: filed.document, in: root)
        let json = try Data(contentsOf: entry.appendingPathComponent("document.json"))
        #expect(try JSONDecoder().decode(Document.self, from: json).id == filed.document.id)
        #expect(try openUnderRoot() == [])
    }
}
