import Foundation
import Inbox
import Logging
import ReportKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// libinotifytools is process-global: these tests take turns. An event that never comes ends the
/// test at its time limit, which cancels the wait and fails the expectation.
@Suite(.serialized, .timeLimit(.minutes(1))) struct InboxEventsTests {
    let folder: URL
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func aFileArrivesOnlyWhenClosedAfterWriting() async throws {
        let events = try InboxEvents(inbox: folder, recursive: false, logger: logger)
        var iterator = events.makeAsyncIterator()
        let path = folder.appendingPathComponent("report.txt")
        let fd = open(path.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        _ = "一、总体情况".withCString { write(fd, $0, strlen($0)) }
        // Close a second, unrelated file first: its event must be the first one seen.
        let marker = folder.appendingPathComponent("marker.txt")
        try Data("x".utf8).write(to: marker)
        #expect(await iterator.next() == .arrived(marker))
        close(fd)
        #expect(await iterator.next() == .arrived(path))
    }

    @Test func aRenameIntoTheFolderArrives() async throws {
        let events = try InboxEvents(inbox: folder, recursive: false, logger: logger)
        var iterator = events.makeAsyncIterator()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).txt")
        try Data("正文".utf8).write(to: outside)
        let inside = folder.appendingPathComponent("moved.txt")
        #expect(rename(outside.path, inside.path) == 0)
        #expect(await iterator.next() == .arrived(inside))
    }

    @Test func aSymlinkArrivesAtCreation() async throws {
        let events = try InboxEvents(inbox: folder, recursive: false, logger: logger)
        var iterator = events.makeAsyncIterator()
        let link = folder.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/hostname")
        #expect(await iterator.next() == .arrived(link))
    }

    @Test func aNewSubfolderIsWatchedWhenRecursive() async throws {
        let events = try InboxEvents(inbox: folder, recursive: true, logger: logger)
        var iterator = events.makeAsyncIterator()
        let sub = folder.appendingPathComponent("bureau", isDirectory: true)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let event = await iterator.next()
        #expect(event == .folderAdded(sub), "\(String(describing: event)) vs \(sub)")
        let file = sub.appendingPathComponent("a.txt")
        try Data("x".utf8).write(to: file)
        #expect(await iterator.next() == .arrived(file))
    }

    @Test func onlyOneWatchPerProcess() throws {
        let first = try InboxEvents(inbox: folder, recursive: false, logger: logger)
        #expect(throws: InboxWatchError.self) {
            _ = try InboxEvents(inbox: folder, recursive: false, logger: logger)
        }
        _ = first
    }
}

@Suite struct InboxClaimerTests {
    let root: DataRoot

    init() throws {
        root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("claim-\(UUID().uuidString)"))
        try root.create()
    }

    @Test func aFileIsClaimedOnceEvenWhenReportedTwice() throws {
        let claimer = InboxClaimer(root: root, ignore: [".*"], recursive: false)
        let file = root.inbox.appendingPathComponent("a.txt")
        try Data("x".utf8).write(to: file)
        let first = try claimer.claim(file)
        let second = try claimer.claim(file)
        #expect(first?.name == "a.txt")
        #expect(second == nil)
        #expect(try Spool(root: root).pending().count == 1)
    }

    @Test func aFileThatVanishedBeforeTheClaimIsSkipped() throws {
        let claimer = InboxClaimer(root: root, ignore: [], recursive: false)
        #expect(try claimer.claim(root.inbox.appendingPathComponent("gone.txt")) == nil)
    }

    @Test func ignorePatternsAreShellPatterns() {
        let claimer = InboxClaimer(root: root, ignore: [".*", "*.part", "*~"], recursive: false)
        #expect(claimer.ignores(".x.txt"))
        #expect(claimer.ignores("a.txt.part"))
        #expect(claimer.ignores("a.txt~"))
        #expect(!claimer.ignores("a.txt"))
    }

    @Test func scanFindsFilesInSubfoldersOnlyWhenRecursive() throws {
        let sub = root.inbox.appendingPathComponent("bureau")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: sub.appendingPathComponent("a.txt"))
        try Data("x".utf8).write(to: root.inbox.appendingPathComponent("b.txt"))
        try Data("x".utf8).write(to: root.inbox.appendingPathComponent(".c.part"))
        let flat = InboxClaimer(root: root, ignore: [".*"], recursive: false).scan().map(\.lastPathComponent)
        let deep = InboxClaimer(root: root, ignore: [".*"], recursive: true).scan().map(\.lastPathComponent)
        #expect(flat == ["b.txt", "bureau"])
        #expect(deep == ["b.txt", "a.txt"])
    }

    @Test func recoverySweepsPartialEntriesAndTemporaryFiles() throws {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let year = root.archive.appendingPathComponent("某县/2023")
        let partial = year.appendingPathComponent(".abc\(ArchiveLayout.partialMarker)x")
        let finished = year.appendingPathComponent("def")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: finished, withIntermediateDirectories: true)
        try Data().write(to: root.outbox.appendingPathComponent(".a.txt.json.x.tmp"))
        let removed = Recovery.sweep(root, logger: logger)
        #expect(removed.count == 2)
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(FileManager.default.fileExists(atPath: finished.path))
    }
}
