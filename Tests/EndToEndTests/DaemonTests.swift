import Foundation
import ReportKitTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.timeLimit(.minutes(5))) struct DaemonArrivalTests {
    @Test func everyWayOfArrivingIsProcessedOnce() async throws {
        let daemon = try await Daemon(label: "arrive")
        defer { daemon.stop() }
        let manager = FileManager.default

        // Written in place.
        #expect(manager.createFile(atPath: daemon.inbox.appendingPathComponent("in-place.txt").path, contents: try uniqueReport(1)))
        // Written under a temporary name and renamed in.
        try daemon.drop("renamed.txt", try uniqueReport(2))
        // Copied in.
        let outside = temporaryRoot("copy-source").appendingPathExtension("txt")
        try uniqueReport(3).write(to: outside)
        try manager.copyItem(at: outside, to: daemon.inbox.appendingPathComponent("copied.txt"))
        // Moved in from elsewhere on the filesystem (IN_MOVED_TO, no IN_CLOSE_WRITE).
        let moved = temporaryRoot("move-source").appendingPathExtension("txt")
        try uniqueReport(4).write(to: moved)
        try manager.moveItem(at: moved, to: daemon.inbox.appendingPathComponent("moved.txt"))

        await daemon.wait(for: "report done", count: 4)
        for name in ["in-place.txt", "renamed.txt", "copied.txt", "moved.txt"] {
            #expect(try daemon.receipt(name)["status"] as? String == "processed")
        }
        #expect(daemon.archiveEntries.count == 4)
        #expect(daemon.contents("inbox").isEmpty)
        #expect(daemon.contents("spool").isEmpty)
    }

    @Test func theSameFileMovedInTwiceWithItsTimeKeptIsADuplicateTheSecondTime() async throws {
        let daemon = try await Daemon(label: "again", pipeline: ["dedupe", "sections", "archive"])
        defer { daemon.stop() }
        let manager = FileManager.default
        let written = Date(timeIntervalSinceNow: -30 * 86_400)
        // `mv`, `cp -p` and unpacking an archive keep the file's modification time: two drops share it.
        func moveIn() throws {
            let outside = temporaryRoot("again-source").appendingPathExtension("txt")
            try uniqueReport(11).write(to: outside)
            try manager.setAttributes([.modificationDate: written], ofItemAtPath: outside.path)
            try manager.moveItem(at: outside, to: daemon.inbox.appendingPathComponent("resent.txt"))
        }
        try moveIn()
        await daemon.wait(for: "report done")
        let first = try daemon.receipt("resent.txt")
        #expect(first["status"] as? String == "processed")
        try moveIn()
        await daemon.wait(for: "report done", count: 2)
        let second = try daemon.receipt("resent.txt")
        #expect(second["status"] as? String == "duplicate")
        let duplicate = try #require(second["duplicate"] as? [String: Any])
        #expect(duplicate["kind"] as? String == "exact")
        #expect((duplicate["original"] as? [String: Any])?["archive"] as? String == first["archive"] as? String)
        #expect(daemon.archiveEntries.count == 1)
    }

    @Test func aSlowWriterIsReadOnlyAfterClose() async throws {
        let daemon = try await Daemon(label: "slow")
        defer { daemon.stop() }
        let report = try uniqueReport(7)
        let path = daemon.inbox.appendingPathComponent("slow.txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        let chunk = 512
        for start in stride(from: 0, to: report.count, by: chunk) {
            try handle.write(contentsOf: report[start..<min(report.count, start + chunk)])
            usleep(20_000)  // the writer's own pace; nothing waits on the daemon here
        }
        #expect(daemon.count(of: "report done") == 0)
        try handle.close()
        await daemon.wait(for: "report done")
        let entries = daemon.archiveEntries
        #expect(entries.count == 1)
        #expect(try Data(contentsOf: entries[0].appendingPathComponent("original.txt")) == report)
    }

    @Test func aThousandAtOnce() async throws {
        let daemon = try await Daemon(label: "thousand")
        defer { daemon.stop() }
        for index in 0..<1000 {
            try daemon.drop("r\(index).txt", try uniqueReport(index))
        }
        await daemon.wait(for: "report done", count: 1000, deadline: .seconds(240))
        #expect(daemon.receipts.count == 1000)
        #expect(daemon.archiveEntries.count == 1000)
        #expect(daemon.contents("inbox").isEmpty)
        #expect(daemon.contents("spool").isEmpty)
    }

    @Test func filesDroppedBeforeStartAndWhileStoppedAreProcessed() async throws {
        let daemon = try await Daemon(label: "before", start: false)
        defer { daemon.stop() }
        for index in 0..<5 { try daemon.drop("early\(index).txt", try uniqueReport(index, base: 11)) }
        try await daemon.start()
        await daemon.wait(for: "report done", count: 5)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        for index in 0..<5 { try daemon.drop("late\(index).txt", try uniqueReport(index, base: 12)) }
        try await daemon.start()
        await daemon.wait(for: "report done", count: 10)
        #expect(daemon.archiveEntries.count == 10)
        #expect(daemon.contents("inbox").isEmpty)
    }

    @Test func linksFoldersAndPipesGoToFailedUnread() async throws {
        let daemon = try await Daemon(label: "odd")
        defer { daemon.stop() }
        try FileManager.default.createSymbolicLink(atPath: daemon.inbox.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent("folder.txt"), withIntermediateDirectories: false)
        #expect(mkfifo(daemon.inbox.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        await daemon.wait(for: "report done", count: 3)
        for (name, word) in [("passwd.txt", "link"), ("folder.txt", "folder"), ("pipe.txt", "pipe")] {
            let reason = try json(daemon.root.appendingPathComponent("failed/\(name).reason.json"))
            #expect((reason["reason"] as? String)?.contains(word) == true, "\(name): \(reason)")
            #expect(try daemon.receipt(name)["status"] as? String == "failed")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: daemon.root.appendingPathComponent("failed/passwd.txt").path) == "/etc/passwd")
        #expect(daemon.archiveEntries.isEmpty)
    }

    @Test func ignoredNamesAreLeftAlone() async throws {
        let daemon = try await Daemon(label: "ignore")
        defer { daemon.stop() }
        for name in ["draft.part", "x.tmp", "notes.txt~", ".hidden.txt", "a.swp"] {
            try uniqueReport(1).write(to: daemon.inbox.appendingPathComponent(name))
        }
        try daemon.drop("real.txt", try uniqueReport(2))
        await daemon.wait(for: "report done")
        #expect(daemon.count(of: "report done") == 1)
        #expect(daemon.contents("inbox") == [".hidden.txt", "a.swp", "draft.part", "notes.txt~", "x.tmp"])
    }
}

@Suite(.timeLimit(.minutes(5))) struct DaemonLifecycleTests {
    @Test func sigtermMidBurstFinishesInHandAndRestartCompletesEachOnce() async throws {
        let daemon = try await Daemon(label: "term")
        defer { daemon.stop() }
        for index in 0..<300 { try daemon.drop("t\(index).txt", try uniqueReport(index, base: 3)) }
        await daemon.wait(for: "report done", count: 20)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        #expect(daemon.count(of: "stopping: finishing the reports in hand") == 1)
        try await daemon.start()
        await daemon.wait(for: "report done", count: 300, deadline: .seconds(240))
        #expect(daemon.count(of: "report done") == 300, "a report was processed twice after a graceful stop")
        #expect(daemon.archiveEntries.count == 300)
        #expect(daemon.receipts.count == 300)
        #expect(daemon.contents("inbox").isEmpty)
        #expect(daemon.contents("spool").isEmpty)
    }

    @Test func sigkillMidBurstLosesNothingAndArchivesEachOnce() async throws {
        let daemon = try await Daemon(label: "kill")
        defer { daemon.stop() }
        for index in 0..<300 { try daemon.drop("k\(index).txt", try uniqueReport(index, base: 4)) }
        var kills = 0
        for target in [15, 80, 160] {
            await daemon.wait(for: "report done", count: target, deadline: .seconds(240))
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit()
            kills += 1
            try await daemon.start()
        }
        // A report finished just before a kill may have no log line, so wait on the outbox instead.
        await daemon.wait(until: .seconds(240), "300 receipts") {
            daemon.receipts.count == 300 && daemon.contents("spool").isEmpty
        }
        #expect(kills == 3)
        #expect(daemon.archiveEntries.count == 300)
        #expect(daemon.receipts.count == 300)
        #expect(daemon.contents("inbox").isEmpty)
        #expect(daemon.contents("spool").isEmpty)
        let partial = files(named: "text.txt", under: daemon.archive).filter { $0.path.contains(".partial-") }
        #expect(partial.isEmpty)
    }

    @Test func sighupReloadsAGoodConfigAndRefusesABadOne() async throws {
        let daemon = try await Daemon(label: "hup")
        defer { daemon.stop() }
        try "root = \"\(daemon.root.path)\"\npipeline = [\"archive\"]\n[inbox]\nworkerz = 1\n"
            .write(to: daemon.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        await daemon.wait(for: "config reload refused")
        #expect(daemon.logText.contains("inbox.workerz"))
        try daemon.drop("after-bad.txt", try uniqueReport(1, base: 5))
        await daemon.wait(for: "report done")
        let first = try daemon.receipt("after-bad.txt")
        #expect((first["sections"] as? Int ?? 0) > 0, "the old config (with sections) must still run")

        try Daemon.configText(root: daemon.root, pipeline: ["archive"]).write(to: daemon.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        await daemon.wait(for: "config reloaded")
        try daemon.drop("after-good.txt", try uniqueReport(2, base: 5))
        await daemon.wait(for: "report done", count: 2)
        let second = try daemon.receipt("after-good.txt")
        #expect(second["sections"] as? Int == 0, "the new config (archive only) must run")
        #expect(daemon.process.isRunning)
    }

    @Test func readOnlyArchiveIsRetriedThenProcessedOnce() async throws {
        let daemon = try await Daemon(label: "readonly")
        defer { daemon.stop() }
        let block = try WriteBlock(daemon.archive)
        try daemon.drop("held.txt", try uniqueReport(1, base: 6))
        await daemon.wait(for: "machine fault: no more reports are taken")
        for index in 0..<3 { try daemon.drop("waiting\(index).txt", try uniqueReport(index, base: 7)) }
        #expect(daemon.contents("failed").isEmpty)
        try block.lift()
        await daemon.wait(for: "machine fault cleared")
        await daemon.wait(for: "report done", count: 4)
        #expect(daemon.count(of: "machine fault: no more reports are taken") == 1, "the fault is logged once")
        #expect(try daemon.receipt("held.txt")["status"] as? String == "processed")
        #expect(daemon.archiveEntries.count == 4)
        #expect(daemon.contents("spool").isEmpty)
        #expect(daemon.contents("inbox").isEmpty)
    }

    @Test(.enabled(if: SmallDisk.isAvailable, "needs root to mount a small tmpfs"))
    func aFullDiskStopsIntakeOnceAndNothingIsLostWhenSpaceReturns() async throws {
        let daemon = try await Daemon(label: "full", start: false)
        defer { daemon.stop() }
        try FileManager.default.createDirectory(at: daemon.archive, withIntermediateDirectories: true)
        let disk = try SmallDisk(daemon.archive, bytes: 96 * 1024)
        defer { try? disk.unmount() }
        try await daemon.start()
        for index in 0..<40 { try daemon.drop("f\(index).txt", try uniqueReport(index, base: 9)) }
        await daemon.wait(for: "machine fault: no more reports are taken")
        #expect(daemon.contents("failed").isEmpty, "a full disk is not the reports' fault")
        let archivedWhileFull = daemon.archiveEntries.count
        #expect(archivedWhileFull < 40)
        try disk.resize(to: 64 * 1024 * 1024)
        await daemon.wait(for: "machine fault cleared")
        await daemon.wait(until: .seconds(120), "40 receipts and an empty spool") {
            daemon.receipts.count == 40 && daemon.contents("spool").isEmpty
        }
        // Logged once per episode, not once per report: a probe may get a small entry through before space returns.
        #expect(daemon.count(of: "machine fault: no more reports are taken") <= daemon.count(of: "machine fault cleared"))
        #expect(daemon.count(of: "machine fault: no more reports are taken") < 5)
        #expect(daemon.archiveEntries.count == 40)
        #expect(daemon.contents("inbox").isEmpty)
        let partial = (try? FileManager.default.subpathsOfDirectory(atPath: daemon.archive.path))?.filter { $0.contains(".partial-") } ?? []
        #expect(partial.isEmpty)
    }

    @Test func overflowIsFollowedByARescanThatFindsEveryFile() async throws {
        let setting = "/proc/sys/fs/inotify/max_queued_events"
        let original = try String(contentsOfFile: setting, encoding: .utf8)
        try "16\n".write(toFile: setting, atomically: false, encoding: .utf8)
        let daemon: Daemon
        do {
            daemon = try await Daemon(label: "overflow")
        } catch {
            try original.write(toFile: setting, atomically: false, encoding: .utf8)
            throw error
        }
        try original.write(toFile: setting, atomically: false, encoding: .utf8)
        defer { daemon.stop() }
        daemon.signal(SIGSTOP)
        for index in 0..<100 { try daemon.drop("o\(index).txt", try uniqueReport(index, base: 8)) }
        daemon.signal(SIGCONT)
        await daemon.wait(for: "inbox rescanned after lost events")
        await daemon.wait(for: "report done", count: 100)
        #expect(daemon.archiveEntries.count == 100)
        #expect(daemon.contents("inbox").isEmpty)
    }

    @Test func aSecondDaemonOnTheSameRootIsRefused() async throws {
        let daemon = try await Daemon(label: "twice")
        defer { daemon.stop() }
        let second = try await reportd(["run", "--config", daemon.config.path], deadline: .seconds(30))
        #expect(second.status == 1)
        #expect(second.stderr.contains("another reportd is running"))
        #expect(daemon.process.isRunning)
    }

    @Test func tellsSystemdReadyWatchdogAndStopping() async throws {
        let listener = try NotifyListener()
        let daemon = try await Daemon(label: "notify", environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "200000"])
        #expect(await listener.wait(for: "READY=1"))
        #expect(await listener.wait(for: "WATCHDOG=1", count: 2))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        #expect(await listener.wait(for: "STOPPING=1"))
    }
}

/// A stand-in for systemd's notify socket: a bound datagram socket that collects what is sent to it.
final class NotifyListener: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let log = LogLines()

    init() throws {
        path = temporaryRoot("notify").path + ".sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw DaemonError(description: "cannot bind \(path)") }
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let socketFD = fd
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(socketFD, &buffer, buffer.count, 0)
                if count <= 0 { break }
                writer.write(Data(buffer[0..<count]) + Data("\n".utf8))
            }
        }.start()
        log.follow(pipe.fileHandleForReading)
    }

    func wait(for text: String, count: Int = 1) async -> Bool {
        await log.wait(for: text, count: count, deadline: .seconds(30))
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }
}
