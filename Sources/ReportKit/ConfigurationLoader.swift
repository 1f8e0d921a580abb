import Foundation
import Logging
import TOMLKit

/// The settings and the ready pipeline, both from one config file.
public struct LoadedConfiguration: Sendable {
    public var settings: ReportdConfiguration
    public var pipeline: Pipeline
    /// Where the processors' tables were looked up, and the file each one read.
    public var tableSearchPath: TableSearchPath
    public var tablesRead: [TablesRead.Entry]
}

/// Reads reportd.toml, checks every key, and builds the pipeline it names.
public struct ConfigurationLoader: Sendable {
    public let registry: ProcessorRegistry
    public let logger: Logger

    /// Builds the table search path from the config file's folder; tests give a fixed one.
    public let tableSearchPath: @Sendable (URL) -> TableSearchPath

    public init(registry: ProcessorRegistry, logger: Logger,
                tableSearchPath: @escaping @Sendable (URL) -> TableSearchPath = { TableSearchPath.standard(configDirectory: $0) }) {
        self.registry = registry
        self.logger = logger
        self.tableSearchPath = tableSearchPath
    }

    static let topLevelKeys: Set<String> = ["root", "pipeline", "inbox", "intake", "log", "metrics_file", "processors"]

    /// Loads `file`; `root`, when given, replaces the file's root.
    public func load(file: URL, root: String? = nil) throws(ConfigFileError) -> LoadedConfiguration {
        let source: String
        do {
            source = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigFileError(file: file.path, key: "", line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try load(source: source, file: file.path, root: root)
    }

    public func load(source: String, file: String, root rootOverride: String? = nil) throws(ConfigFileError) -> LoadedConfiguration {
        let locator = TOMLKeyLocator(source: source)
        func fail(_ path: [String], _ message: String) -> ConfigFileError {
            ConfigFileError(file: file, key: path.joined(separator: "."), line: locator.line(of: path), message: message)
        }

        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigFileError(file: file, key: "", line: error.source.begin.line, message: error.description)
        } catch {
            throw ConfigFileError(file: file, key: "", line: nil, message: "\(error)")
        }

        for key in table.keys.sorted() where !Self.topLevelKeys.contains(key) {
            throw fail([key], "unknown key (known: \(Self.topLevelKeys.sorted().joined(separator: ", ")))")
        }

        let rootValue: String
        if let rootOverride {
            rootValue = rootOverride
        } else if let value = table["root"] {
            guard let string = value.string, !string.isEmpty else { throw fail(["root"], "expected a non-empty string") }
            rootValue = string
        } else {
            throw fail(["root"], "missing: the data root is required")
        }
        let rootPath = URL(fileURLWithPath: rootValue, isDirectory: true).standardizedFileURL.path

        guard let pipelineValue = table["pipeline"] else { throw fail(["pipeline"], "missing: list the processors to run") }
        guard let array = pipelineValue.array else { throw fail(["pipeline"], "expected an array of processor names") }
        var pipelineNames: [String] = []
        for (index, element) in array.enumerated() {
            guard let name = element.string else { throw fail(["pipeline"], "element \(index + 1) is not a string") }
            guard !pipelineNames.contains(name) else { throw fail(["pipeline"], "'\(name)' is listed twice") }
            pipelineNames.append(name)
        }

        let inbox: InboxOptions = try decodeSection("inbox", of: table, default: InboxOptions(), fail: fail)
        let intake: IntakeOptions = try decodeSection("intake", of: table, default: IntakeOptions(), fail: fail)
        let log: LogOptions = try decodeSection("log", of: table, default: LogOptions(), fail: fail)
        let metricsFile: MetricsFileOptions = try decodeSection("metrics_file", of: table, default: MetricsFileOptions(), fail: fail)

        let processorTables: TOMLTable
        if let value = table["processors"] {
            guard let subtable = value.table else { throw fail(["processors"], "expected a table of processor options") }
            processorTables = subtable
        } else {
            processorTables = TOMLTable()
        }
        for name in processorTables.keys.sorted() {
            guard processorTables[name]?.table != nil else { throw fail(["processors", name], "expected a table") }
            guard pipelineNames.contains(name) else {
                throw fail(["processors", name], "options for a processor the pipeline does not run")
            }
        }

        let settings = ReportdConfiguration(root: rootPath, pipeline: pipelineNames, inbox: inbox, intake: intake, log: log,
                                            metricsFile: metricsFile)
        let configDirectory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let searchPath = tableSearchPath(configDirectory)
        let tablesRead = TablesRead()
        let environment = ProcessorEnvironment(root: settings.dataRoot, configDirectory: configDirectory,
                                               tableSearchPath: searchPath, logger: logger, tablesRead: tablesRead)
        var stages: [Pipeline.Stage] = []
        for name in pipelineNames {
            let options = processorTables[name]?.table ?? TOMLTable()
            var typeName = name
            if let typeValue = options.remove(at: "type") {
                guard let string = typeValue.string else { throw fail(["processors", name, "type"], "expected a string") }
                typeName = string
            }
            guard registry.contains(typeName) else {
                let place = processorTables[name] == nil ? ["pipeline"] : ["processors", name]
                throw fail(place, "unknown processor '\(typeName)' (known: \(registry.names.joined(separator: ", ")))")
            }
            do {
                var instanceEnvironment = environment
                instanceEnvironment.instanceName = name
                let processor = try registry.make(typeName, options: options, environment: instanceEnvironment)
                stages.append(Pipeline.Stage(name: name, processor: processor))
            } catch {
                let (path, message) = Self.describe(error, in: options)
                throw fail(["processors", name] + path, message)
            }
        }
        return LoadedConfiguration(settings: settings, pipeline: Pipeline(stages), tableSearchPath: searchPath,
                                   tablesRead: tablesRead.all)
    }

    private func decodeSection<T: Decodable>(
        _ key: String, of table: TOMLTable, default value: T,
        fail: ([String], String) -> ConfigFileError
    ) throws(ConfigFileError) -> T {
        guard let node = table[key] else { return value }
        guard let subtable = node.table else { throw fail([key], "expected a table") }
        do {
            return try TOMLDecoder(strictDecoding: true).decode(T.self, from: subtable)
        } catch {
            let (path, message) = Self.describe(error, in: subtable)
            throw fail([key] + path, message)
        }
    }

    /// The key path within `table` and a message for a decoding or validation error.
    static func describe(_ error: any Error, in table: TOMLTable) -> ([String], String) {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            // TOMLKit reports a value of the wrong type as a missing key.
            var path = context.codingPath.map(\.stringValue)
            if path.last != key.stringValue { path.append(key.stringValue) }
            if let value = value(at: path, in: table) {
                let wanted = context.debugDescription.split(separator: "\"").dropFirst().first.map(String.init) ?? "another type"
                return (path, "expected \(describeTypeName(wanted)), found \(value.type)")
            }
            return (path, "missing: this key is required")
        case let error as ConfigurationError:
            return (error.key.split(separator: ".").map(String.init), error.message)
        case let error as UnexpectedKeysError:
            let (key, codingPath) = error.keys.sorted { $0.key < $1.key }.first!
            var path = codingPath.map(\.stringValue)
            if path.last != key { path.append(key) }
            return (path, "unknown key")
        case DecodingError.typeMismatch(let type, let context):
            return (context.codingPath.map(\.stringValue), "expected \(describe(type))")
        case DecodingError.valueNotFound(let type, let context):
            return (context.codingPath.map(\.stringValue), "expected \(describe(type))")
        case DecodingError.dataCorrupted(let context):
            return (context.codingPath.map(\.stringValue), context.debugDescription)
        default:
            return ([], "\(error)")
        }
    }

    static func value(at path: [String], in table: TOMLTable) -> (any TOMLValueConvertible)? {
        var current: (any TOMLValueConvertible)? = table
        for key in path {
            current = current?.table?[key]
        }
        return current
    }

    static func describeTypeName(_ name: String) -> String {
        switch name {
        case "Bool": "a boolean (true or false)"
        case "Int", "Int64", "Int32": "an integer"
        case "Double", "Float": "a number"
        case "String": "a string"
        default: name
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "a boolean (true or false)"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is [String].Type: "an array of strings"
        default: "a value of type \(type)"
        }
    }
}
