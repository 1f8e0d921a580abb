import ArgumentParser
import Foundation
import Inbox
import Logging
import ReportIntake
import ReportKit
import ReportStore

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
        var progress = ProgressLine(total: files.count)
        // Info lines would break the bar drawn in place; warnings and errors still show.
        if progress.onTerminal { logger.logLevel = max(logger.logLevel, .warning) }
        let root = loaded.settings.dataRoot
        try root.create()
        let catalogue = try catalogues.catalogue(at: root.catalogue)
        let flow = ReportFlow(root: root, reader: ReportReader(options: loaded.settings.intake),
                              pipeline: loaded.pipeline, catalogue: catalogue, logger: logger)
        let spool = Spool(root: root)
        var tally: [String: Int] = [:]
        for file in files {
            let url = URL(fileURLWithPath: file)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
                logger.error("not a file", metadata: ["report.file": "\(file)"])
                tally["failed", default: 0] += 1
                progress.finished(file, status: "failed")
                continue
            }
            let report: SpooledReport
            do {
                report = try spool.claimCopy(of: url)
            } catch {
                logger.error("file cannot be copied into the spool", metadata: ["report.file": "\(file)", "error": "\(error)"])
                tally["failed", default: 0] += 1
                progress.finished(file, status: "failed")
                continue
            }
            let outcome = await flow.handle(report)
            if case .failure(.transient) = outcome { try? spool.release(report) }
            tally[outcome.status, default: 0] += 1
            progress.finished(file, status: outcome.status)
        }
        progress.close()
        let summary = ["processed", "duplicate", "failed", "deferred"].map { "\($0) \(tally[$0, default: 0])" }
        print("reportd: \(summary.joined(separator: ", "))")
        print("archive:  \(root.archive.path)")
        print("receipts: \(root.outbox.path)")
        if tally["failed", default: 0] > 0 { print("failed:   \(root.failed.path)") }
        if tally["failed", default: 0] + tally["deferred", default: 0] > 0 { throw ExitCode(1) }
    }
}
