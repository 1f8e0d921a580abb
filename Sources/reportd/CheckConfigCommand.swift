import ArgumentParser
import Foundation

/// `reportd check-config`: exit 0 on a usable config, 1 with the key and line on a bad one.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Check a config file and the processors it names.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let logger = Reportd.makeLogger(level: "warning")
        let loaded = try options.load(logger: logger)
        print("\(options.configURL.path): ok")
        print("root: \(loaded.settings.root)")
        print("pipeline: \(loaded.pipeline.names.joined(separator: " -> "))")
        print("tables searched in: \(loaded.tableSearchPath)")
        for entry in loaded.tablesRead {
            print("table: \(entry.processor): \(entry.file.path)")
        }
    }
}
