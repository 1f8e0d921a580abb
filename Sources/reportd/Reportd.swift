import ArgumentParser
import Foundation
import Logging
import ReportKit
import ReportStore

/// The reportd command line: the daemon and its one-shot companions.
@main
struct Reportd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportd",
        abstract: "Takes in annual work reports from a watched inbox, checks them and files them.",
        subcommands: [RunCommand.self, ProcessCommand.self, CheckConfigCommand.self, StatusCommand.self, VerifyCommand.self,
                      ExportCommand.self]
    )

    /// The one logger of the process; everything else is handed a copy.
    static func makeLogger(level: String = "info") -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .trace
            return handler
        }
        var logger = Logger(label: "reportd")
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}

/// Options every command shares: which config, and which data root.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: /etc/reportd/reportd.toml if present, else config/reportd.toml).")
    var config: String?

    @Option(name: .long, help: "The data root, overriding the config's root.")
    var root: String?

    var configURL: URL {
        if let config { return URL(fileURLWithPath: config) }
        let system = "/etc/reportd/reportd.toml"
        if FileManager.default.fileExists(atPath: system) { return URL(fileURLWithPath: system) }
        return URL(fileURLWithPath: "config/reportd.toml")
    }

    /// Loads and checks the config, building its pipeline; a bad file ends the command with exit code 1.
    ///
    /// The processors get `catalogues`, which opens nothing until a report is processed.
    func load(logger: Logger, catalogues: CatalogueProvider = CatalogueProvider()) throws -> LoadedConfiguration {
        let loader = ConfigurationLoader(registry: BuiltinProcessors.registry(catalogues: catalogues), logger: logger)
        do {
            return try loader.load(file: configURL, root: root)
        } catch {
            FileHandle.standardError.write(Data("reportd: config error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
