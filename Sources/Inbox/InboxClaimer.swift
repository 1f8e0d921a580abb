import Foundation
import ReportKit
#if canImport(Glibc)
import Glibc
#endif

/// Decides which inbox names are reports and claims them into the spool by rename, once each.
public struct InboxClaimer: Sendable {
    public let root: DataRoot
    public let ignore: [String]
    public let recursive: Bool

    public init(root: DataRoot, ignore: [String], recursive: Bool) {
        self.root = root
        self.ignore = ignore
        self.recursive = recursive
    }

    /// True for a name the config says never to claim.
    public func ignores(_ name: String) -> Bool {
        ignore.contains { fnmatch($0, name, 0) == 0 }
    }

    /// Renames `url` into the spool. Nil when it is ignored or already gone (claimed before, or removed).
    /// Anything else, whatever its type, is claimed: the flow decides what a non-regular file means.
    public func claim(_ url: URL) throws -> SpooledReport? {
        let name = url.lastPathComponent
        guard !ignores(name) else { return nil }
        do {
            return try Spool(root: root).claim(url, name: name)
        } catch let error as POSIXError where error.code == .ENOENT {
            return nil
        }
    }

    /// Every claimable path now in the inbox (and its subfolders when recursive).
    public func scan(_ folder: URL? = nil) -> [URL] {
        let folder = folder ?? root.inbox
        var found: [URL] = []
        for name in InboxNames.list(folder.path).sorted() where !ignores(name) {
            let url = folder.appending(component: name)
            var status = stat()
            if recursive, lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                found += scan(url)
            } else {
                found.append(url)
            }
        }
        return found
    }
}
