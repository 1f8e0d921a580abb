import Foundation
import ReportKit

/// Fingerprints of reports whose outcome is not recorded yet: matched by every later lookup at once,
/// written to SQLite many reports a transaction.
///
/// A staged report counts as archived (matchable, as if `processed`) until its outcome says
/// otherwise: a report that is still in the chain is almost always archived a moment later, and
/// two copies in one batch must not both slip through. Its outcome ends the staging: `processed`
/// writes the fingerprint (if no flush did) in the outcome's own transaction; a failure or a
/// duplicate drops it, leaving at most rows that the catalogue join never matches.
///
/// One per `Catalogue`. Lookups run one at a time (`serialised`), so two workers deduping
/// copies of one report never both miss each other. Memory is bounded: past `flushThreshold`
/// unwritten fingerprints the dedupe step writes them all in one transaction, and past
/// `retainedLimit` entries the oldest written ones are let go (their rows stay matchable once
/// their outcome is recorded).
public final class StagedFingerprints: @unchecked Sendable {
    /// Unwritten fingerprints from which the dedupe step flushes.
    public let flushThreshold: Int
    /// Entries (written or not) past which the oldest written ones are dropped from memory.
    public let retainedLimit: Int

    private let lock = NSLock()
    private let turn = NSLock()
    private let flushTurn = NSLock()
    private var entries: [String: Entry] = [:]
    private var nextSequence = 0
    private var byTextHash: [String: [String]] = [:]
    private var byBand: [Int64: [String]] = [:]
    private var byParagraph: [Int64: [String]] = [:]
    private var unwrittenCount = 0

    struct Entry {
        var fingerprint: ReportFingerprint
        var sequence: Int
        var written: Bool
    }

    init(flushThreshold: Int = 256) {
        self.flushThreshold = flushThreshold
        retainedLimit = flushThreshold * 4
    }

    /// Runs `body` with no other serialised body running: the dedupe step's lookup-then-stage.
    func serialised<T>(_ body: () throws -> T) rethrows -> T {
        turn.lock()
        defer { turn.unlock() }
        return try body()
    }

    /// Runs `body` with no other flush running; when `waiting` is false, skips it if one is
    /// (that one writes the same fingerprints).
    func flushing(waiting: Bool, _ body: () throws -> Void) rethrows {
        if waiting { flushTurn.lock() } else if !flushTurn.try() { return }
        defer { flushTurn.unlock() }
        try body()
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// How many fingerprints are staged, and how many of them are not written yet.
    public var counts: (staged: Int, unwritten: Int) { locked { (entries.count, unwrittenCount) } }

    var needsFlush: Bool { locked { unwrittenCount >= flushThreshold } }

    /// Stages `fingerprint`, replacing an earlier staging of the same report.
    func stage(_ fingerprint: ReportFingerprint) {
        locked {
            removeLocked(fingerprint.reportId)
            entries[fingerprint.reportId] = Entry(fingerprint: fingerprint, sequence: nextSequence, written: false)
            nextSequence += 1
            unwrittenCount += 1
            let id = fingerprint.reportId
            byTextHash[fingerprint.textHash, default: []].append(id)
            for key in Set(fingerprint.bandKeys) { byBand[key, default: []].append(id) }
            for paragraph in fingerprint.paragraphs { byParagraph[paragraph.key, default: []].append(id) }
            if entries.count > retainedLimit { dropOldestWritten() }
        }
    }

    /// The staged fingerprint of `id`, when it was staged by the arrival named `file` (and `received`, when given).
    func fingerprint(of id: String, file: String, received: String?) -> (fingerprint: ReportFingerprint, written: Bool)? {
        locked {
            guard let entry = entries[id], entry.fingerprint.file == file,
                  received == nil || entry.fingerprint.received == received else { return nil }
            return (entry.fingerprint, entry.written)
        }
    }

    /// Unwritten fingerprints, oldest first.
    func unwritten() -> [ReportFingerprint] {
        locked { entries.values.filter { !$0.written }.sorted { $0.sequence < $1.sequence }.map(\.fingerprint) }
    }

    /// Marks `fingerprints` as written, unless a newer staging of the same report replaced them.
    func markWritten(_ fingerprints: [ReportFingerprint]) {
        locked {
            for fingerprint in fingerprints {
                guard let entry = entries[fingerprint.reportId], !entry.written, entry.fingerprint == fingerprint else { continue }
                entries[fingerprint.reportId]?.written = true
                unwrittenCount -= 1
            }
        }
    }

    /// Ends the staging of `fingerprint` (its outcome is recorded), unless a newer staging replaced it.
    func release(_ fingerprint: ReportFingerprint) {
        locked {
            guard entries[fingerprint.reportId]?.fingerprint == fingerprint else { return }
            removeLocked(fingerprint.reportId)
        }
    }

    /// Forgets every staged fingerprint (a benchmark's unrecorded probes).
    public func discardAll() {
        locked {
            entries = [:]
            byTextHash = [:]
            byBand = [:]
            byParagraph = [:]
            unwrittenCount = 0
        }
    }

    /// What the staged reports other than `fingerprint`'s own hold that matches it.
    func matches(for fingerprint: ReportFingerprint) -> StagedMatches {
        locked {
            let own = fingerprint.reportId
            var matches = StagedMatches()
            if let entry = entries[own] { matches.arrival = entry.fingerprint }
            matches.sameText = earliest(byTextHash[fingerprint.textHash], excluding: own)
            var hits: [String: Int] = [:]
            for key in Set(fingerprint.bandKeys) {
                for id in byBand[key] ?? [] where id != own { hits[id, default: 0] += 1 }
            }
            matches.candidates = hits.compactMap { id, count in entries[id].map { ($0.fingerprint, count) } }
            for paragraph in fingerprint.paragraphs where matches.paragraphs[paragraph.key] == nil {
                guard let holder = earliest(byParagraph[paragraph.key], excluding: own),
                      let span = holder.paragraphs.first(where: { $0.key == paragraph.key })?.span else { continue }
                matches.paragraphs[paragraph.key] = (holder, span)
            }
            return matches
        }
    }

    private func earliest(_ ids: [String]?, excluding own: String) -> ReportFingerprint? {
        guard let ids else { return nil }
        return ids.lazy.filter { $0 != own }.compactMap { self.entries[$0] }.min { $0.sequence < $1.sequence }?.fingerprint
    }

    private func removeLocked(_ id: String) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        if !entry.written { unwrittenCount -= 1 }
        let fingerprint = entry.fingerprint
        Self.remove(id, at: fingerprint.textHash, from: &byTextHash)
        for key in fingerprint.bandKeys { Self.remove(id, at: key, from: &byBand) }
        for paragraph in fingerprint.paragraphs { Self.remove(id, at: paragraph.key, from: &byParagraph) }
    }

    private func dropOldestWritten() {
        let written = entries.values.filter(\.written).sorted { $0.sequence < $1.sequence }
        for entry in written.prefix(entries.count - retainedLimit) { removeLocked(entry.fingerprint.reportId) }
    }

    /// Removes `id` from the list at `key` in place: copying the list out and back in copied it twice.
    private static func remove<Key: Hashable>(_ id: String, at key: Key, from index: inout [Key: [String]]) {
        guard let slot = index.index(forKey: key) else { return }
        index.values[slot].removeAll { $0 == id }
        if index.values[slot].isEmpty { index.remove(at: slot) }
    }
}

/// What the staged fingerprints hold that matches one report.
struct StagedMatches {
    /// This very report, staged by an earlier (or this) arrival.
    var arrival: ReportFingerprint?
    var sameText: ReportFingerprint?
    var candidates: [(fingerprint: ReportFingerprint, bandHits: Int)] = []
    var paragraphs: [Int64: (holder: ReportFingerprint, span: Span)] = [:]
}
