import Foundation

/// The data root and its fixed folders; everything lives on one filesystem so every move is a rename.
public struct DataRoot: Sendable, Equatable {
    public let url: URL

    public init(_ url: URL) { self.url = url.standardizedFileURL }
    public init(path: String) { self.init(URL(fileURLWithPath: path, isDirectory: true)) }

    public var inbox: URL { url.appendingPathComponent("inbox", isDirectory: true) }
    public var spool: URL { url.appendingPathComponent("spool", isDirectory: true) }
    public var archive: URL { url.appendingPathComponent("archive", isDirectory: true) }
    public var outbox: URL { url.appendingPathComponent("outbox", isDirectory: true) }
    public var failed: URL { url.appendingPathComponent("failed", isDirectory: true) }
    public var state: URL { url.appendingPathComponent("state", isDirectory: true) }
    public var catalogue: URL { state.appendingPathComponent("catalogue.sqlite") }

    public var folders: [URL] { [inbox, spool, archive, outbox, failed, state] }

    /// Creates the root and its folders where missing.
    public func create() throws {
        for folder in folders {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// `url` relative to the root, for receipts and logs.
    public func relativePath(of other: URL) -> String {
        let base = url.path.hasSuffix("/") ? url.path : url.path + "/"
        let path = other.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
