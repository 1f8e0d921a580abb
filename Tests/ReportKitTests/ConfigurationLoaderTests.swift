import Foundation
import Logging
import ReportKit
import Testing

/// A processor with options, to check decoding and self-validation.
struct LimitedProcessor: Processor {
    static let name = "limited"

    struct Configuration: ProcessorConfiguration {
        var limit: Int
        var label: String?

        func validate() throws {
            if limit <= 0 { throw ConfigurationError(key: "limit", "must be more than 0") }
        }
    }

    let configuration: Configuration

    func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow { .proceed }
}

@Suite struct ConfigurationLoaderTests {
    let loader: ConfigurationLoader = {
        var registry = ProcessorRegistry()
        registry.register(TrailProcessor.self) { _, _ in TrailProcessor(mark: "t") }
        registry.register(LimitedProcessor.self) { configuration, _ in LimitedProcessor(configuration: configuration) }
        return ConfigurationLoader(registry: registry, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }()

    func error(_ source: String) -> ConfigFileError? {
        do {
            _ = try loader.load(source: source, file: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func loadsAGoodFileAndBuildsThePipelineInOrder() throws {
        let loaded = try loader.load(source: """
            root = "/tmp/reportd-test"
            pipeline = ["limited", "trail"]

            [inbox]
            workers = 3
            retry_seconds = 2

            [processors.limited]
            limit = 5
            """, file: "test.toml")
        #expect(loaded.pipeline.names == ["limited", "trail"])
        #expect(loaded.settings.root == "/tmp/reportd-test")
        #expect(loaded.settings.inbox.workers == 3)
        #expect(loaded.settings.inbox.retrySeconds == 2)
        let limited = try #require(loaded.pipeline.stages.first?.processor as? LimitedProcessor)
        #expect(limited.configuration.limit == 5)
    }

    @Test func namedInstanceUsesItsType() throws {
        let loaded = try loader.load(source: """
            root = "/tmp/r"
            pipeline = ["small", "large"]
            [processors.small]
            type = "limited"
            limit = 1
            [processors.large]
            type = "limited"
            limit = 100
            """, file: "test.toml")
        let limits = loaded.pipeline.stages.compactMap { ($0.processor as? LimitedProcessor)?.configuration.limit }
        #expect(limits == [1, 100])
        #expect(loaded.pipeline.names == ["small", "large"])
    }

    @Test func rootOverrideWins() throws {
        let loaded = try loader.load(source: "root = \"/a\"\npipeline = []\n", file: "t.toml", root: "/b")
        #expect(loaded.settings.root == "/b")
    }

    @Test func unknownTopLevelKeyNamesKeyAndLine() {
        let failure = error("root = \"/r\"\npipeline = []\nworkers = 4\n")
        #expect(failure?.key == "workers")
        #expect(failure?.line == 3)
    }

    @Test func unknownProcessorOptionNamesKeyAndLine() {
        let failure = error("""
            root = "/r"
            pipeline = ["limited"]

            [processors.limited]
            limit = 3
            limt = 4
            """)
        #expect(failure?.key == "processors.limited.limt")
        #expect(failure?.line == 6)
        #expect(failure?.message == "unknown key")
    }

    @Test func wrongTypeNamesKeyLineAndExpectedType() {
        let failure = error("root = \"/r\"\npipeline = [\"limited\"]\n[processors.limited]\nlimit = \"many\"\n")
        #expect(failure?.key == "processors.limited.limit")
        #expect(failure?.line == 4)
        #expect(failure?.message.contains("integer") == true)
    }

    @Test func missingRequiredOptionNamesTheKey() {
        let failure = error("root = \"/r\"\npipeline = [\"limited\"]\n")
        #expect(failure?.key == "processors.limited.limit")
        #expect(failure?.message.contains("missing") == true)
    }

    @Test func processorValidatesItsOwnValues() {
        let failure = error("root = \"/r\"\npipeline = [\"limited\"]\n\n[processors.limited]\nlimit = 0\n")
        #expect(failure?.key == "processors.limited.limit")
        #expect(failure?.line == 5)
        #expect(failure?.message == "must be more than 0")
    }

    @Test func unknownProcessorInPipeline() {
        let failure = error("root = \"/r\"\npipeline = [\"trail\", \"dedup\"]\n")
        #expect(failure?.key == "pipeline")
        #expect(failure?.line == 2)
        #expect(failure?.message.contains("unknown processor 'dedup'") == true)
    }

    @Test func missingRoot() {
        let failure = error("pipeline = [\"trail\"]\n")
        #expect(failure?.key == "root")
        #expect(failure?.message.contains("missing") == true)
    }

    @Test func optionsForAProcessorNotInThePipeline() {
        let failure = error("root = \"/r\"\npipeline = [\"trail\"]\n[processors.limited]\nlimit = 1\n")
        #expect(failure?.key == "processors.limited")
        #expect(failure?.line == 3)
    }

    @Test func syntaxErrorGivesTheLine() {
        let failure = error("root = \"/r\"\n\npipeline = [\"trail\"\n")
        #expect(failure?.key == "")
        #expect(failure?.line != nil)
    }

    @Test func inboxSettingsValidateThemselves() {
        let failure = error("root = \"/r\"\npipeline = []\n[inbox]\nworkers = -1\n")
        #expect(failure?.key == "inbox.workers")
        #expect(failure?.line == 4)
    }

    @Test func metricsFileSettingsValidateThemselves() throws {
        let interval = error("root = \"/r\"\npipeline = []\n[metrics_file]\npath = \"state/r.prom\"\ninterval_seconds = 0\n")
        #expect(interval?.key == "metrics_file.interval_seconds")
        #expect(interval?.line == 5)
        let empty = error("root = \"/r\"\npipeline = []\n[metrics_file]\npath = \"\"\n")
        #expect(empty?.key == "metrics_file.path" && empty?.line == 4)
        let unknown = error("root = \"/r\"\npipeline = []\n[metrics_file]\nfile = \"r.prom\"\n")
        #expect(unknown?.key == "metrics_file.file" && unknown?.line == 4)
        let off = try loader.load(source: "root = \"/r\"\npipeline = []\n", file: "t.toml")
        #expect(off.settings.metricsFile.file(in: off.settings.dataRoot) == nil)
        let on = try loader.load(source: "root = \"/r\"\npipeline = []\n[metrics_file]\npath = \"state/r.prom\"\ninterval_seconds = 2\n",
                                 file: "t.toml")
        #expect(on.settings.metricsFile.file(in: on.settings.dataRoot)?.path == "/r/state/r.prom")
        #expect(on.settings.metricsFile.intervalSeconds == 2)
    }

    @Test func descriptionReadsFileLineKeyAndMessage() {
        let failure = ConfigFileError(file: "/etc/reportd.toml", key: "inbox.workers", line: 7, message: "expected an integer")
        #expect(failure.description == "/etc/reportd.toml:7: key 'inbox.workers': expected an integer")
    }
}

@Suite struct TOMLKeyLocatorTests {
    @Test func findsKeysTablesAndDottedKeys() {
        let locator = TOMLKeyLocator(source: """
            # comment with key = value
            root = "/r"   # trailing
            [processors.archive]
            fsync = true
            a.b = 1
            [[things]]
            name = "x#y"
            """)
        #expect(locator.line(of: ["root"]) == 2)
        #expect(locator.line(of: ["processors", "archive"]) == 3)
        #expect(locator.line(of: ["processors", "archive", "fsync"]) == 4)
        #expect(locator.line(of: ["processors", "archive", "a", "b"]) == 5)
        #expect(locator.line(of: ["processors", "archive", "missing"]) == 3)
        #expect(locator.line(of: ["things", "name"]) == 7)
        #expect(locator.line(of: ["nothing"]) == nil)
    }
}
