import Foundation
import Synchronization

/// The folders a processor's table file (sections.toml, metrics.toml, audit.toml) is looked up in, first match wins.
public struct TableSearchPath: Sendable, Equatable, CustomStringConvertible {
    /// The folders in the order they are searched.
    public var folders: [URL]

    public init(_ folders: [URL]) {
        var seen: Set<String> = []
        self.folders = folders.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }
    }

    /// Extra folders, separated by `:`, searched right after the config file's folder.
    public static let variable = "REPORTD_TABLES"

    /// The order reportd searches: the config file's folder; the folders in `$REPORTD_TABLES`; for a
    /// development build (an executable under a `.build*` folder of a checkout), the checkout's
    /// `config/`; `<prefix>/share/reportd` for an executable in `<prefix>/bin`; then
    /// `/usr/local/share/reportd` and `/usr/share/reportd`.
    public static func standard(
        configDirectory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = runningExecutable
    ) -> TableSearchPath {
        var folders = [configDirectory]
        for folder in (environment[variable] ?? "").split(separator: ":") where !folder.isEmpty {
            folders.append(URL(fileURLWithPath: String(folder), isDirectory: true))
        }
        if let executable {
            let components = executable.standardizedFileURL.pathComponents
            if let build = components.lastIndex(where: { $0.hasPrefix(".build") }), build > 0 {
                let checkout = NSString.path(withComponents: Array(components[..<build]))
                folders.append(URL(fileURLWithPath: checkout, isDirectory: true).appendingPathComponent("config", isDirectory: true))
            }
            let binFolder = executable.deletingLastPathComponent()
            if binFolder.lastPathComponent == "bin" {
                folders.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/reportd", isDirectory: true))
            }
        }
        folders.append(URL(fileURLWithPath: "/usr/local/share/reportd", isDirectory: true))
        folders.append(URL(fileURLWithPath: "/usr/share/reportd", isDirectory: true))
        return TableSearchPath(folders)
    }

    /// The running program's file, symlinks resolved (on Linux from /proc/self/exe).
    public static var runningExecutable: URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// Where `name` is: an absolute path as it is, a relative one in the first folder that holds it.
    public func locate(_ name: String) -> URL? {
        candidates(for: name).first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Every place `name` would be looked for, in order.
    public func candidates(for name: String) -> [URL] {
        name.hasPrefix("/") ? [URL(fileURLWithPath: name)] : folders.map { $0.appendingPathComponent(name) }
    }

    public var description: String { folders.map(\.path).joined(separator: ", ") }
}

/// The table files the processors of one config read, in the order they were read; `check-config` prints them.
public final class TablesRead: Sendable {
    /// One table file and the pipeline step that read it.
    public struct Entry: Sendable, Equatable {
        public var processor: String
        public var file: URL

        public init(processor: String, file: URL) {
            self.processor = processor
            self.file = file
        }
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    func record(_ file: URL, by processor: String) {
        entries.withLock { $0.append(Entry(processor: processor, file: file)) }
    }

    public var all: [Entry] { entries.withLock { $0 } }
}
