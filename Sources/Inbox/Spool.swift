import Foundation
import ReportKit
import Synchronization
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

    /// When the file was claimed: the instant in the spool entry's name (`ClaimToken`).
    ///
    /// An entry named before claim instants were (a crash left it from an older reportd) falls
    /// back to its modification time, as it was read then.
    public var received: Date {
        let file = url.lastPathComponent
        if let claimed = ClaimToken.claimed(in: file[..<(file.firstIndex(of: "@") ?? file.endIndex)]) { return claimed }
        // lstat, not FileManager's attributes: those look up the owner's name in /etc/passwd on every call.
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return Date() }
        return Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9)
    }
}

/// Spool entry tokens that carry the claim instant: `c<milliseconds since 1970, base 36>-<pid>`.
///
/// The instant is a report's `received`, which tells one arrival of a file from another (dedupe
/// calls the same bytes a duplicate only when another arrival brought them). It is kept in the
/// name because a rename keeps the file's modification time, which is when the file was written:
/// two drops of one file (`mv`, `cp -p`, an archive unpacked twice) would share it, and setting it
/// needs ownership of a file a reviewer dropped. Within a process the instants strictly increase,
/// a millisecond apart at least, so that two claims never share the millisecond `received` shows;
/// workers claim one report at a time as they take it, so the instants run ahead of the clock
/// only by the claims made within one millisecond.
enum ClaimToken {
    private static let last = Atomic<Int64>(0)

    static func make() -> String {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        var previous = last.load(ordering: .relaxed)
        var instant = max(now, previous + 1)
        while true {
            let (exchanged, original) = last.compareExchange(expected: previous, desired: instant, ordering: .relaxed)
            if exchanged { break }
            previous = original
            instant = max(now, previous + 1)
        }
        // The instant is unique within the process, so with the pid the token is unique.
        return "c" + String(instant, radix: 36) + "-" + String(getpid(), radix: 36)
    }

    /// The claim instant of a token `make` gave, or nil for any other token.
    static func claimed(in token: Substring) -> Date? {
        guard token.first == "c", let dash = token.firstIndex(of: "-"),
              let milliseconds = Int64(token[token.index(after: token.startIndex)..<dash], radix: 36) else { return nil }
        // A quarter into the millisecond: ISO 8601 formatting truncates, and a whole number of
        // milliseconds as a Double is often a hair below itself.
        return Date(timeIntervalSince1970: (Double(milliseconds) + 0.25) / 1000)
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
        let destination = root.spool.appending(component: "\(ClaimToken.make())@\(ArchiveLayout.component(name))")
        try DurableFile.rename(file, to: destination)
        return SpooledReport(url: destination)!
    }

    /// Copies `file` into the spool, leaving the original where it is (for `reportd process`).
    public func claimCopy(of file: URL) throws -> SpooledReport {
        let name = ArchiveLayout.component(file.lastPathComponent)
        let token = ClaimToken.make()
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
