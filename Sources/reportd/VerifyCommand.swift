import ArgumentParser
import Foundation
import ReportStore

/// `reportd verify`: compares the catalogue with the archive tree; `--repair` mends what it can.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check that the catalogue and the archive tree agree.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Mend what disagrees: remove partial entries, add or correct catalogue rows.")
    var repair = false

    func run() async throws {
        let logger = Reportd.makeLogger(level: "warning")
        let root = try options.load(logger: logger).settings.dataRoot
        let catalogue = try Catalogue(url: root.catalogue)
        let problems = try ArchiveConsistency(root: root, catalogue: catalogue).check(repair: repair)
        for problem in problems { print(problem) }
        let unmended = problems.filter { $0.repair == nil }
        print("verify: \(problems.count) disagreements, \(problems.count - unmended.count) mended")
        if !unmended.isEmpty { throw ExitCode(1) }
    }
}
