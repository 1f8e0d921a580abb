import Foundation
import Synchronization

/// Archive entries one report's chain wrote without syncing, which the group commit makes durable and then visible.
///
/// A processor that writes an entry puts it in a hidden folder and hands it here instead of
/// fsyncing each file; the commit syncs the filesystem once for many reports, renames each
/// staged folder into place, and syncs again before any receipt names the entry.
public final class StagedEntries: Sendable {
    /// A staged folder and the place it is published at.
    public struct Entry: Sendable, Equatable {
        public let staged: URL
        public let final: URL
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    /// Publishes `staged` at `final` once its files are on disk.
    public func publishWhenDurable(_ staged: URL, at final: URL) {
        entries.withLock { $0.append(Entry(staged: staged, final: final)) }
    }

    /// Every entry handed over so far, in order.
    public var all: [Entry] { entries.withLock { $0 } }
}
