import Foundation
import TOMLKit

/// The daemon's settings from reportd.toml, apart from the processors' own tables.
public struct ReportdConfiguration: Sendable, Equatable {
    /// The data root, absolute.
    public var root: String
    /// Processor instance names, in the order the chain runs them.
    public var pipeline: [String]
    public var inbox: InboxOptions
    public var intake: IntakeOptions
    public var log: LogOptions
    public var metricsFile: MetricsFileOptions = MetricsFileOptions()

    public var dataRoot: DataRoot { DataRoot(path: root) }
}

/// Where and how often the daemon writes its Prometheus metrics file; off while `path` is nil.
public struct MetricsFileOptions: Sendable, Equatable, Codable {
    /// The `.prom` file; relative paths are taken from the data root.
    public var path: String?
    /// Seconds between two writes.
    public var intervalSeconds: Double = 15

    public init() {}

    enum CodingKeys: String, CodingKey {
        case path
        case intervalSeconds = "interval_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        intervalSeconds = try container.decodeNumberIfPresent(forKey: .intervalSeconds) ?? intervalSeconds
        if let path {
            if path.isEmpty { throw ConfigurationError(key: "path", "must not be empty (leave it out to write no metrics file)") }
            if !path.hasSuffix(".prom") || path.hasSuffix("/.prom") {
                throw ConfigurationError(key: "path", "must name a file ending in .prom: node_exporter's textfile collector reads only those")
            }
        }
        if !(intervalSeconds > 0 && intervalSeconds <= 3600) {
            throw ConfigurationError(key: "interval_seconds", "must be more than 0 and at most 3600")
        }
    }

    /// The metrics file under `root`, or nil when none is configured.
    public func file(in root: DataRoot) -> URL? {
        guard let path else { return nil }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.url.appendingPathComponent(path)
    }
}

/// How the inbox is watched and drained.
public struct InboxOptions: Sendable, Equatable, Codable {
    /// Shell-style patterns of names that are never claimed.
    public var ignore: [String] = [".*", "*.part", "*.tmp", "*~", "*.swp"]
    /// Watch subfolders of the inbox too.
    public var recursive: Bool = false
    /// Reports processed at once; 0 means one per core.
    public var workers: Int = 0
    /// First wait before a report held back by a machine fault is tried again, in seconds.
    public var retrySeconds: Double = 1
    /// The longest wait between retries, in seconds.
    public var retryMaxSeconds: Double = 60

    public init() {}

    enum CodingKeys: String, CodingKey {
        case ignore, recursive, workers
        case retrySeconds = "retry_seconds"
        case retryMaxSeconds = "retry_max_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ignore = try container.decodeIfPresent([String].self, forKey: .ignore) ?? ignore
        recursive = try container.decodeIfPresent(Bool.self, forKey: .recursive) ?? recursive
        workers = try container.decodeIfPresent(Int.self, forKey: .workers) ?? workers
        retrySeconds = try container.decodeNumberIfPresent(forKey: .retrySeconds) ?? retrySeconds
        retryMaxSeconds = try container.decodeNumberIfPresent(forKey: .retryMaxSeconds) ?? retryMaxSeconds
        if workers < 0 { throw ConfigurationError(key: "workers", "must be 0 (one per core) or more") }
        if retrySeconds <= 0 { throw ConfigurationError(key: "retry_seconds", "must be more than 0") }
        if retryMaxSeconds < retrySeconds {
            throw ConfigurationError(key: "retry_max_seconds", "must not be less than retry_seconds")
        }
    }

    /// `workers`, with 0 resolved to the number of cores.
    public var workerCount: Int { workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount }
}

/// Limits on what the intake will read.
public struct IntakeOptions: Sendable, Equatable, Codable {
    /// Files larger than this go to failed/.
    public var maxBytes: Int = 20 * 1024 * 1024
    /// The most a .docx may unpack to.
    public var docxMaxUncompressedBytes: Int = 100 * 1024 * 1024
    /// The most entries a .docx may hold.
    public var docxMaxEntries: Int = 2000

    public init() {}

    enum CodingKeys: String, CodingKey {
        case maxBytes = "max_bytes"
        case docxMaxUncompressedBytes = "docx_max_uncompressed_bytes"
        case docxMaxEntries = "docx_max_entries"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxBytes = try container.decodeIfPresent(Int.self, forKey: .maxBytes) ?? maxBytes
        docxMaxUncompressedBytes = try container.decodeIfPresent(Int.self, forKey: .docxMaxUncompressedBytes)
            ?? docxMaxUncompressedBytes
        docxMaxEntries = try container.decodeIfPresent(Int.self, forKey: .docxMaxEntries) ?? docxMaxEntries
        for (key, value) in [("max_bytes", maxBytes), ("docx_max_uncompressed_bytes", docxMaxUncompressedBytes),
                             ("docx_max_entries", docxMaxEntries)] where value <= 0 {
            throw ConfigurationError(key: key, "must be more than 0")
        }
    }
}

/// Logging settings.
public struct LogOptions: Sendable, Equatable, Codable {
    /// trace, debug, info, notice, warning, error or critical.
    public var level: String = "info"

    public init() {}

    static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decodeIfPresent(String.self, forKey: .level) ?? level
        guard Self.levels.contains(level) else {
            throw ConfigurationError(key: "level", "must be one of \(Self.levels.joined(separator: ", "))")
        }
    }
}

/// A config file that cannot be used, with the key and line at fault.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Dotted key path, such as `processors.archive.fsync`; empty for a syntax error.
    public var key: String
    public var line: Int?
    public var message: String

    public init(file: String, key: String, line: Int?, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(place): \(message)" : "\(place): key '\(key)': \(message)"
    }
}

extension KeyedDecodingContainer {
    /// A number written either way in TOML: `1` or `1.0`.
    public func decodeNumberIfPresent(forKey key: Key) throws -> Double? {
        guard contains(key) else { return nil }
        if let value = try? decode(Double.self, forKey: key) { return value }
        return Double(try decode(Int.self, forKey: key))
    }
}
