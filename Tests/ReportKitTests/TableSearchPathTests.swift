import Foundation
import Logging
import ReportKit
import Testing

/// A processor that reads one table, as the shipped ones do.
struct TabledProcessor: Processor {
    static let name = "tabled"

    struct Configuration: ProcessorConfiguration {
        var table: String?
    }

    let file: URL

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow { .proceed }
}

@Suite struct TableSearchPathTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reportd-tables-\(UUID().uuidString)")
        for name in ["etc", "extra", "share"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    func loader(_ folders: [String]) -> ConfigurationLoader {
        var registry = ProcessorRegistry()
        registry.register(TabledProcessor.self) { configuration, environment in
            TabledProcessor(file: try environment.table(configuration.table ?? "tabled.toml", key: "table"))
        }
        let search = folders.map { folder.appendingPathComponent($0) }
        return ConfigurationLoader(registry: registry, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                   tableSearchPath: { TableSearchPath([$0] + search) })
    }

    func write(_ name: String) throws {
        try "x = 1\n".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func load(_ options: String = "", folders: [String] = ["extra", "share"]) throws -> LoadedConfiguration {
        let config = folder.appendingPathComponent("etc/reportd.toml")
        try "root = \"/tmp/r\"\npipeline = [\"tabled\"]\n\(options)".write(to: config, atomically: true, encoding: .utf8)
        return try loader(folders).load(file: config)
    }

    @Test func theConfigFolderComesFirstThenTheSearchPathInOrder() throws {
        try write("share/tabled.toml")
        #expect(try load().tablesRead.map(\.file.path) == [folder.appendingPathComponent("share/tabled.toml").path])
        try write("extra/tabled.toml")
        #expect(try load().tablesRead.map(\.file.path) == [folder.appendingPathComponent("extra/tabled.toml").path])
        try write("etc/tabled.toml")
        let loaded = try load()
        #expect(loaded.tablesRead == [TablesRead.Entry(processor: "tabled", file: folder.appendingPathComponent("etc/tabled.toml"))])
        #expect(loaded.tableSearchPath.folders.map(\.lastPathComponent) == ["etc", "extra", "share"])
    }

    @Test func aTableFoundNowhereNamesTheKeyTheTableAndEveryPlaceSearched() throws {
        try write("share/tabled.toml")
        do {
            _ = try load("[processors.tabled]\ntable = \"strict.toml\"\n")
            Issue.record("a missing table loaded")
        } catch let error as ConfigFileError {
            #expect(error.key == "processors.tabled.table")
            #expect(error.line == 4)
            #expect(error.message.contains("strict.toml"))
            for name in ["etc", "extra", "share"] { #expect(error.message.contains(folder.appendingPathComponent(name).path)) }
        }
    }

    @Test func theDefaultTableMissingNamesTheProcessorsTable() throws {
        do {
            _ = try load()
            Issue.record("a missing table loaded")
        } catch let error as ConfigFileError {
            #expect(error.key == "processors.tabled.table")
            #expect(error.message.contains("tabled.toml not found"))
        }
    }

    @Test func theStandardOrderTakesTheVariableTheCheckoutAndThePrefix() {
        let path = TableSearchPath.standard(
            configDirectory: URL(fileURLWithPath: "/etc/reportd"),
            environment: [TableSearchPath.variable: "/srv/tables::/opt/more"],
            executable: URL(fileURLWithPath: "/home/dev/reportd/.build/x86_64-unknown-linux-gnu/release/reportd"))
        #expect(path.folders.map(\.path) == ["/etc/reportd", "/srv/tables", "/opt/more", "/home/dev/reportd/config",
                                             "/usr/local/share/reportd", "/usr/share/reportd"])
        let installed = TableSearchPath.standard(configDirectory: URL(fileURLWithPath: "/etc/reportd"), environment: [:],
                                                 executable: URL(fileURLWithPath: "/opt/reportd/bin/reportd"))
        #expect(installed.folders.map(\.path) == ["/etc/reportd", "/opt/reportd/share/reportd", "/usr/local/share/reportd", "/usr/share/reportd"])
    }
}
