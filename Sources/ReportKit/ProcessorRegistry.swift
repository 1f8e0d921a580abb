import Foundation
import Logging
import TOMLKit

/// What every processor may be built with: the data root, the config's folder, where its tables are, and a logger.
public struct ProcessorEnvironment: Sendable {
    public var root: DataRoot
    /// The folder of the config file; relative paths in processor options are taken from here.
    public var configDirectory: URL
    /// Where table files are looked up; the config's folder comes first.
    public var tableSearchPath: TableSearchPath
    public var logger: Logger
    /// The name the pipeline gives the processor being built (several instances of one type differ here).
    public var instanceName: String
    /// Collects every table file a processor of this config reads.
    public let tablesRead: TablesRead

    /// `tableSearchPath` defaults to ``TableSearchPath/standard(configDirectory:environment:executable:)``.
    public init(root: DataRoot, configDirectory: URL, tableSearchPath: TableSearchPath? = nil, logger: Logger,
                instanceName: String = "", tablesRead: TablesRead = TablesRead()) {
        self.root = root
        self.configDirectory = configDirectory
        self.tableSearchPath = tableSearchPath ?? .standard(configDirectory: configDirectory)
        self.logger = logger
        self.instanceName = instanceName
        self.tablesRead = tablesRead
    }

    /// The table file `name` along the search path (an absolute `name` as it is), recorded as read by
    /// this processor. `key` is the option that names the table; the error names it, the table and
    /// every place searched.
    public func table(_ name: String, key: String) throws(ConfigurationError) -> URL {
        guard let file = tableSearchPath.locate(name) else {
            let places = tableSearchPath.candidates(for: name).map { $0.deletingLastPathComponent().path }
            throw ConfigurationError(key: key, "table \(name) not found; searched \(places.joined(separator: ", ")) "
                + "(set \(key) to its path, or list its folder in $\(TableSearchPath.variable))")
        }
        tablesRead.record(file, by: instanceName)
        return file
    }

    /// `path` as written in a processor's options: absolute, or relative to the config's folder.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : configDirectory.appendingPathComponent(path)
    }
}

/// Config names to processors: how a `[processors.<name>]` table becomes a running processor.
public struct ProcessorRegistry: Sendable {
    typealias Factory = @Sendable (TOMLTable, ProcessorEnvironment) throws -> any Processor

    private var factories: [String: Factory] = [:]
    private var versions: [String: String] = [:]

    public init() {}

    /// Registers `type` under its `name`; `make` builds it from its validated configuration.
    public mutating func register<P: Processor>(
        _ type: P.Type,
        make: @escaping @Sendable (P.Configuration, ProcessorEnvironment) throws -> P
    ) {
        precondition(factories[P.name] == nil, "processor \(P.name) registered twice")
        versions[P.name] = P.version
        factories[P.name] = { table, environment in
            let configuration = try TOMLDecoder(strictDecoding: true).decode(P.Configuration.self, from: table)
            try configuration.validate()
            return try make(configuration, environment)
        }
    }

    /// Every registered processor type name, sorted.
    public var names: [String] { factories.keys.sorted() }

    public func version(of name: String) -> String? { versions[name] }

    public func contains(_ name: String) -> Bool { factories[name] != nil }

    /// Builds the processor of type `typeName` from its options table.
    func make(_ typeName: String, options: TOMLTable, environment: ProcessorEnvironment) throws -> any Processor {
        guard let factory = factories[typeName] else { throw UnknownProcessor(name: typeName) }
        return try factory(options, environment)
    }
}

struct UnknownProcessor: Error {
    let name: String
}
