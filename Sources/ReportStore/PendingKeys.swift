import Foundation
import GRDB
import ReportKit

/// The band and paragraph keys of fingerprint rows not merged into `dedupe_band` and `dedupe_paragraph`
/// yet, read from the catalogue and indexed in memory.
///
/// A fingerprint's keys are kept on its `dedupe_report` row and listed in `dedupe_pending`; every
/// `limit` rows they are merged into the key tables in one sorted pass (`FingerprintStore.mergePending`).
/// Writing a report then appends rows instead of inserting ~50 keys at random places in large
/// B-trees, each of which dirtied a page of its own in the write-ahead log. The catalogue stays the
/// only truth: each lookup first brings this index up to its own read transaction (new pending rows
/// by sequence; after a merge or a re-run, which bump `dedupe_merge.generation`, a reload), so a
/// lookup sees exactly the rows its snapshot holds, whichever process wrote them.
final class PendingKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    private var loadedSequence: Int64 = 0
    private var bands = KeyChains<Int64>()
    private var paragraphs = KeyChains<ParagraphRow>()

    /// Where one pending report holds a paragraph.
    struct ParagraphRow: Equatable {
        var ref: Int64
        var start: Int32
        var end: Int32
    }

    /// What the pending rows hold for one fingerprint's keys.
    struct Matches {
        /// Band key → refs holding it, newest first.
        var bands: [Int64: [Int64]] = [:]
        /// Paragraph key → holders, oldest first.
        var paragraphs: [Int64: [ParagraphRow]] = [:]
    }

    /// Brings the index up to `db`'s read transaction, then returns what it holds for `bandKeys` and `paragraphKeys`.
    func matches(bandKeys: [Int64], paragraphKeys: [Int64], in db: Database) throws -> Matches {
        lock.lock()
        defer { lock.unlock() }
        try catchUp(in: db)
        var found = Matches()
        guard !bands.isEmpty || !paragraphs.isEmpty else { return found }
        for key in bandKeys {
            let refs = bands.values(for: key)
            if !refs.isEmpty { found.bands[key] = refs }
        }
        for key in paragraphKeys where found.paragraphs[key] == nil {
            let holders = paragraphs.values(for: key)
            if !holders.isEmpty { found.paragraphs[key] = holders.reversed() }
        }
        return found
    }

    private func catchUp(in db: Database) throws {
        let current = try Self.generation(in: db)
        if current != generation {
            generation = current
            loadedSequence = 0
            bands = KeyChains()
            paragraphs = KeyChains()
        }
        let query = try SteppedStatement("""
            SELECT p.seq, p.ref, r.bandKeys, r.paragraphSpans FROM dedupe_pending p JOIN dedupe_report r ON r.ref = p.ref
            WHERE p.seq > ? ORDER BY p.seq
            """, in: db)
        defer { query.reset() }
        query.bind(1, loadedSequence)
        while try query.step() {
            loadedSequence = query.int64(0)
            let ref = query.int64(1)
            for key in query.int64s(2) ?? [] { bands.append(ref, for: key) }
            for row in FingerprintStore.paragraphRows(query.int64s(3) ?? []) {
                paragraphs.append(ParagraphRow(ref: ref, start: Int32(clamping: row.start), end: Int32(clamping: row.end)), for: row.key)
            }
        }
    }

    static func generation(in db: Database) throws -> Int64 {
        let query = try SteppedStatement("SELECT generation FROM dedupe_merge WHERE id = 1", in: db)
        defer { query.reset() }
        return try query.step() ? query.int64(0) : 0
    }
}

/// A multimap from 64-bit keys to values, appended to and dropped whole: one dictionary entry per
/// key and two flat arrays, instead of an array allocated per key.
struct KeyChains<Value> {
    private var heads: [Int64: Int32] = [:]
    private var next: [Int32] = []
    private var stored: [Value] = []

    var isEmpty: Bool { stored.isEmpty }

    mutating func append(_ value: Value, for key: Int64) {
        next.append(heads[key] ?? -1)
        heads[key] = Int32(stored.count)
        stored.append(value)
    }

    /// The values of `key`, the last appended first.
    func values(for key: Int64) -> [Value] {
        guard var slot = heads[key] else { return [] }
        var values: [Value] = []
        while slot >= 0 {
            values.append(stored[Int(slot)])
            slot = next[Int(slot)]
        }
        return values
    }
}
