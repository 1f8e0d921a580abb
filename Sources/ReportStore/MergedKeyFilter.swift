import Foundation

/// A Bloom filter over the keys of the merged key tables (`dedupe_band`, `dedupe_paragraph`), so that
/// a lookup skips the B-tree seek of a key that no merged row holds, which is most keys of most reports.
///
/// It answers for one merge generation (`dedupe_merge.generation`), so every write that puts keys in
/// the key tables must move the generation on, as `FingerprintStore.mergePending` does. A lookup whose
/// read transaction sees another generation builds it again from the key tables, in that transaction;
/// a merge made through this catalogue adds its keys and moves it on once it has committed. So it never
/// refuses a key that a merged row of the lookup's generation holds, whichever process merged it; keys
/// deleted since cost only a seek. It is sized when built, at 16 bits for each key the fingerprint rows
/// could hold, and built again larger once full, up to `maximumBits`: past that it keeps its size with
/// fewer probes and lets more absent keys through, and below 4 bits a key (about 260,000 reports at
/// 8 MB) it is not built at all and every key is sought, so its memory stays bounded and a start never
/// waits for a scan that would save little (0.55 s for 100,000 reports' 3.7 million keys here).
final class MergedKeyFilter: @unchecked Sendable {
    private let lock = NSLock()
    private var words: [UInt64] = []
    private var probes = 7
    /// The generation the filter answers for; nil until it is built.
    private var generation: Int64?
    private var held = 0
    private var capacity = 0
    /// Too many keys for its bits to pay: every key passes until the next generation.
    private var passesAll = false
    let maximumBits: Int
    private var buildCount = 0
    /// How many times it was built from the key tables (tests read it).
    var builds: Int { lock.withLock { buildCount } }

    static let minimumBits = 1 << 20

    init(maximumBits: Int = 1 << 26) {
        self.maximumBits = max(Self.minimumBits, maximumBits)
    }

    /// Runs `body` with a test of whether a merged row of `current` may hold a key. `estimate` gives an
    /// upper bound of the merged keys without reading them; `scan` calls its argument with each merged
    /// key, in the caller's read transaction.
    func using<T>(generation current: Int64, estimate: () throws -> Int, scan: ((Int64) -> Void) throws -> Void,
                  _ body: ((Int64) -> Bool) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if generation != current || held > capacity {
            try build(generation: current, keys: max(try estimate(), held), scan: scan)
        }
        if passesAll { return try body { _ in true } }
        let probes = probes
        return try words.withUnsafeBufferPointer { words in
            try body { key in Self.contains(key, in: words, probes: probes) }
        }
    }

    /// Adds the keys a merge put in the key tables and moves the filter from `old` to `new`, when it
    /// answered for `old`; called once the merge has committed.
    func advance(from old: Int64, to new: Int64, adding keys: [Int64]) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == old else { return }
        guard !passesAll else {
            generation = new
            return
        }
        let probes = probes
        words.withUnsafeMutableBufferPointer { words in
            for key in keys { Self.insert(key, into: words, probes: probes) }
        }
        held += keys.count
        generation = new
    }

    /// Sizes the filter for `keys` and fills it from `scan`.
    private func build(generation current: Int64, keys: Int, scan: ((Int64) -> Void) throws -> Void) throws {
        guard keys <= maximumBits / 4 else {
            words = []
            passesAll = true
            capacity = .max
            generation = current
            return
        }
        var bits = Self.minimumBits
        while bits < maximumBits, bits / 16 < keys { bits <<= 1 }
        // The number of probes that gives the fewest false passes at this many bits a key, at most 7.
        let probes = max(1, min(7, Int((Double(bits) / Double(max(keys, 1)) * 0.693).rounded())))
        var fresh = [UInt64](repeating: 0, count: bits / 64)
        var scanned = 0
        try fresh.withUnsafeMutableBufferPointer { words in
            try scan { key in
                Self.insert(key, into: words, probes: probes)
                scanned += 1
            }
        }
        words = fresh
        self.probes = probes
        held = scanned
        capacity = bits < maximumBits ? bits / 10 : .max
        passesAll = false
        // Only now: a scan that threw leaves the filter answering for the generation it had, so the next lookup builds it again.
        generation = current
        buildCount += 1
    }

    /// The probes of a key, by double hashing: the keys are hashes already, so their two halves serve.
    private static func probe(_ key: Int64, _ index: Int, mask: UInt64) -> (word: Int, bit: UInt64) {
        let first = UInt64(bitPattern: key)
        let second = ((first >> 32) | (first << 32)) &* 0x9E37_79B9_7F4A_7C15 | 1
        let position = (first &+ UInt64(index) &* second) & mask
        return (Int(position >> 6), 1 << (position & 63))
    }

    private static func insert(_ key: Int64, into words: UnsafeMutableBufferPointer<UInt64>, probes: Int) {
        let mask = UInt64(words.count * 64 - 1)
        for index in 0..<probes {
            let (word, bit) = probe(key, index, mask: mask)
            words[word] |= bit
        }
    }

    private static func contains(_ key: Int64, in words: UnsafeBufferPointer<UInt64>, probes: Int) -> Bool {
        let mask = UInt64(words.count * 64 - 1)
        for index in 0..<probes {
            let (word, bit) = probe(key, index, mask: mask)
            if words[word] & bit == 0 { return false }
        }
        return true
    }
}
