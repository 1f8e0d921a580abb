import ArgumentParser
import Foundation
import Inbox
import Logging
import ReportIntake
import ReportKit
import ReportStore
import Synchronization

/// `reportd process FILE…`: the daemon's chain on the given files, once; the files stay where they are.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "Run the chain on the given files and exit.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Report files to process.")
    var files: [String]

    func run() async throws {
        var logger = Reportd.makeLogger()
        let catalogues = CatalogueProvider()
        let loaded = try options.load(logger: logger, catalogues: catalogues)
        logger.logLevel = Logger.Level(rawValue: loaded.settings.log.level) ?? .info
        let progress = ProgressLine(total: files.count)
        // Info lines would break the bar drawn in place; warnings and errors still show.
        if progress.onTerminal { logger.logLevel = max(logger.logLevel, .warning) }
        let root = loaded.settings.dataRoot
        try root.create()
        let catalogue = try catalogues.catalogue(at: root.catalogue)
        let flow = ReportFlow(root: root, reader: ReportReader(options: loaded.settings.intake),
                              pipeline: loaded.pipeline, catalogue: catalogue, logger: logger)
        let spool = Spool(root: root)
        let commit = GroupCommit(ReportCommit(root: root, catalogue: catalogue))
        let tally = ProcessTally(progress: progress)
        let files = files
        let workerLogger = logger
        await withDiscardingTaskGroup { workers in
            for _ in 0..<loaded.settings.inbox.workerCount {
                workers.addTask {
                    while let (index, turn) = tally.take(from: files.count, order: flow.arrivals) {
                        guard let report = Self.claim(files[index], into: spool, logger: workerLogger) else {
                            turn.pass()
                            tally.count("failed", file: files[index])
                            continue
                        }
                        let chained = await flow.prepare(report, turn: turn)
                        await commit.submit(chained) { outcome in
                            if case .failure(.transient) = outcome { try? spool.release(report) }
                            tally.count(outcome.status, file: files[index])
                        }
                    }
                }
            }
        }
        await commit.finish()
        let counts = tally.finish()
        let summary = ["processed", "duplicate", "failed", "deferred"].map { "\($0) \(counts[$0, default: 0])" }
        print("reportd: \(summary.joined(separator: ", "))")
        print("archive:  \(root.archive.path)")
        print("receipts: \(root.outbox.path)")
        if counts["failed", default: 0] > 0 { print("failed:   \(root.failed.path)") }
        if counts["failed", default: 0] + counts["deferred", default: 0] > 0 { throw ExitCode(1) }
    }

    /// A copy of `file` in the spool, or nil (logged) when it is not a file or cannot be copied.
    private static func claim(_ file: String, into spool: Spool, logger: Logger) -> SpooledReport? {
        let url = URL(fileURLWithPath: file)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            logger.error("not a file", metadata: ["report.file": "\(file)"])
            return nil
        }
        do {
            return try spool.claimCopy(of: url)
        } catch {
            logger.error("file cannot be copied into the spool", metadata: ["report.file": "\(file)", "error": "\(error)"])
            return nil
        }
    }
}

/// What the workers of one `reportd process` share: the next file to take and the outcomes so far.
final class ProcessTally: Sendable {
    private let nextFile = Mutex<Int>(0)
    private let state: Mutex<(counts: [String: Int], progress: ProgressLine)>

    init(progress: ProgressLine) {
        state = Mutex((counts: [:], progress: progress))
    }

    /// The next file's index with its turn in arrival order, taken together so the turns follow the command line.
    func take(from count: Int, order: ArrivalOrder) -> (Int, ArrivalTurn)? {
        nextFile.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return (next, order.ticket())
        }
    }

    /// Counts one file's outcome and shows it on the progress line.
    func count(_ status: String, file: String) {
        state.withLock { state in
            state.counts[status, default: 0] += 1
            state.progress.finished(file, status: status)
        }
    }

    /// Ends the progress line; the outcomes counted by status.
    func finish() -> [String: Int] {
        state.withLock { state in
            state.progress.close()
            return state.counts
        }
    }
}
