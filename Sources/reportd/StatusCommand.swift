import ArgumentParser
import Foundation
import ReportKit
import ReportStore

/// `reportd status`: what waits in the inbox and spool, what failed, and the outcomes so far.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the backlog, counts by outcome and the last errors.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "How many recent failures to list.")
    var errors: Int = 5

    func run() async throws {
        let logger = Reportd.makeLogger(level: "warning")
        let root = try options.load(logger: logger).settings.dataRoot
        func count(_ folder: URL, _ include: (String) -> Bool = { _ in true }) -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter(include).count
        }
        print("root:    \(root.url.path)")
        print("inbox:   \(count(root.inbox) { !$0.hasPrefix(".") }) waiting")
        print("spool:   \(count(root.spool) { !$0.hasPrefix(".") }) claimed, not finished")
        print("failed:  \(count(root.failed) { !$0.hasSuffix(".reason.json") }) files")
        guard FileManager.default.fileExists(atPath: root.catalogue.path) else {
            print("catalogue: none yet")
            return
        }
        let catalogue = try Catalogue(url: root.catalogue)
        let counts = try catalogue.outcomeCounts()
        print("outcomes: " + ["processed", "duplicate", "failed"].map { "\($0) \(counts[$0, default: 0])" }.joined(separator: ", "))
        let failures = try catalogue.lastFailures(limit: errors)
        if !failures.isEmpty {
            print("last errors:")
            for failure in failures {
                print("  \(failure.at)  \(failure.file)  \(failure.reason ?? "")")
            }
        }
    }
}
