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
        /// The merge generation of the read transaction they were taken in.
        var generation: Int64 = 0
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
        var found = Matches(generation: generation)
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

/// A multimap from 64-bit keys to values, appended to and dropped whole: an open-addressing table
/// of each key's latest value and a flat array of links, instead of a dictionary of arrays.
///
/// The keys are hashes already (band and paragraph keys), so a key's slot is the top bits of its
/// product with an odd number drawn once per process; a Dictionary hashed every key again with
/// SipHash, which was a third of a lookup's time outside SQLite.
struct KeyChains<Value> {
    private var keys: [Int64] = []
    /// Each slot's latest value in `stored`, or -1 for an empty slot.
    private var heads: [Int32] = []
    private var shift: UInt64 = 64
    private var occupied = 0
    private var next: [Int32] = []
    private var stored: [Value] = []
    private let multiplier = KeyChainsSeed.multiplier

    var isEmpty: Bool { stored.isEmpty }

    mutating func append(_ value: Value, for key: Int64) {
        if (occupied + 1) * 2 > heads.count { grow() }
        let slot = self.slot(of: key)
        if heads[slot] < 0 {
            keys[slot] = key
            occupied += 1
        }
        next.append(heads[slot])
        heads[slot] = Int32(stored.count)
        stored.append(value)
    }

    /// The values of `key`, the last appended first.
    func values(for key: Int64) -> [Value] {
        guard !heads.isEmpty else { return [] }
        var link = heads[slot(of: key)]
        var values: [Value] = []
        while link >= 0 {
            values.append(stored[Int(link)])
            link = next[Int(link)]
        }
        return values
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(of key: Int64) -> Int {
        let mask = heads.count - 1
        var slot = Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* multiplier) >> shift)
        while heads[slot] >= 0, keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// Doubles the table (at least 1,024 slots) and puts every key back in its new slot.
    private mutating func grow() {
        let oldKeys = keys, oldHeads = heads
        let capacity = max(1024, heads.count * 2)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keys = [Int64](repeating: 0, count: capacity)
        heads = [Int32](repeating: -1, count: capacity)
        for (key, head) in zip(oldKeys, oldHeads) where head >= 0 {
            let slot = self.slot(of: key)
            keys[slot] = key
            heads[slot] = head
        }
    }
}

/// The odd multiplier every `KeyChains` of this process uses, drawn at random: which keys crowd into
/// one run of slots differs from one process to the next, so no report can be written to make them.
enum KeyChainsSeed {
    static let multiplier = UInt64.random(in: 0...UInt64.max) | 1
}
