import Foundation
import ReportKit
#if canImport(Glibc)
import Glibc
#endif

/// A report that belongs to reportd: a file in `spool/` named `<token>@<original name>`.
public struct SpooledReport: Sendable, Equatable {
    public let url: URL
    /// The name the file arrived under.
    public let name: String

    /// The spool entry `url`, or nil for a file that is not one (a leftover temporary file).
    public init?(url: URL) {
        let file = url.lastPathComponent
        guard !file.hasPrefix("."), let at = file.firstIndex(of: "@"), at != file.startIndex else { return nil }
        self.url = url
        self.name = String(file[file.index(after: at)...])
        guard !name.isEmpty else { return nil }
    }

    /// When the file was claimed, from its spool entry.
    public var received: Date {
        // lstat, not FileManager's attributes: those look up the owner's name in /etc/passwd on every call.
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return Date() }
        return Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9)
    }
}

/// The spool: claiming files into it, and listing what is left there.
public struct Spool: Sendable {
    public let root: DataRoot

    public init(root: DataRoot) {
        self.root = root
    }

    /// Moves `file` (in the inbox) into the spool by rename. After this the report is reportd's.
    /// A name too long to carry a prefix is shortened (keeping its extension) for the spool and the receipt.
    public func claim(_ file: URL, name: String) throws -> SpooledReport {
        let destination = root.spool.appending(component: "\(UniqueToken.make())@\(ArchiveLayout.component(name))")
        try DurableFile.rename(file, to: destination)
        return SpooledReport(url: destination)!
    }

    /// Copies `file` into the spool, leaving the original where it is (for `reportd process`).
    public func claimCopy(of file: URL) throws -> SpooledReport {
        let name = ArchiveLayout.component(file.lastPathComponent)
        let token = UniqueToken.make()
        let temporary = root.spool.appending(component: ".\(token).copy")
        let destination = root.spool.appending(component: "\(token)@\(name)")
        do {
            try FileManager.default.copyItem(at: file, to: temporary)
            try DurableFile.rename(temporary, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return SpooledReport(url: destination)!
    }

    /// Reports left in the spool, oldest claim first; stray temporary copies are removed.
    public func pending() throws -> [SpooledReport] {
        let entries = try FileManager.default.contentsOfDirectory(
            at: root.spool, includingPropertiesForKeys: [.contentModificationDateKey], options: [])
        var reports: [SpooledReport] = []
        for entry in entries {
            if let report = SpooledReport(url: entry) {
                reports.append(report)
            } else if entry.lastPathComponent.hasSuffix(".copy") {
                try? FileManager.default.removeItem(at: entry)
            }
        }
        return reports.sorted { $0.url.lastPathComponent < $1.url.lastPathComponent }
    }

    /// Removes the spool copy once the report's outcome is durable.
    public func release(_ report: SpooledReport) throws {
        if unlink(report.url.path) != 0, errno != ENOENT { throw POSIXError.current }
    }
}
