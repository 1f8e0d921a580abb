import Foundation

/// A Bloom filter over the keys of the merged key tables (`dedupe_band`, `dedupe_paragraph`), so that
/// a lookup skips the B-tree seek of a key that no merged row holds, which is most keys of most reports.
///
/// It answers for one merge generation (`dedupe_merge.generation`), so every write that puts keys in
/// the key tables must move the generation on, as `FingerprintStore.mergePending` does. A lookup whose read transaction
/// sees another generation builds it again from the key tables, in that transaction; a merge made
/// through this catalogue adds its keys and moves it to the new generation once it has committed.
/// So it never says no to a key that a merged row of the lookup's generation holds. Keys deleted since
/// stay in it, which costs only a seek. It is sized when built (16 bits a key); once it holds 10 bits
/// a key it is built again, larger; a catalogue that would need more than `maximumBits` is never given
/// one, and every key is sought, as before, so its memory stays bounded whatever the catalogue's size.
final class MergedKeyFilter: @unchecked Sendable {
    private let lock = NSLock()
    private var words: [UInt64] = []
    /// The generation the filter answers for; nil until it is built.
    private var generation: Int64?
    private var held = 0
    private var capacity = 0
    private var switchedOff = false
    let maximumBits: Int
    /// How many times it was built from the key tables (tests read it).
    private(set) var builds = 0

    static let probes = 7
    static let minimumBits = 1 << 20

    init(maximumBits: Int = 1 << 26) {
        self.maximumBits = maximumBits
    }

    /// Runs `body` with a test of whether a merged row of `current` may hold a key, or with nil when the
    /// catalogue is too large for a filter. `estimate` gives an upper bound of the merged keys without
    /// reading them; `scan` reads them all, in the caller's read transaction.
    func using<T>(generation current: Int64, estimate: () throws -> Int, scan: () throws -> [Int64],
                  _ body: (((Int64) -> Bool)?) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if !switchedOff, generation != current || held > capacity {
            try build(generation: current, estimate: estimate, scan: scan)
        }
        guard !switchedOff else { return try body(nil) }
        return try words.withUnsafeBufferPointer { words in
            try body { key in Self.contains(key, in: words) }
        }
    }

    /// Adds the keys a merge put in the key tables and moves the filter from `old` to `new`, when it
    /// answered for `old`; called once the merge has committed.
    func advance(from old: Int64, to new: Int64, adding keys: [Int64]) {
        lock.lock()
        defer { lock.unlock() }
        guard !switchedOff, generation == old else { return }
        words.withUnsafeMutableBufferPointer { words in
            for key in keys { Self.insert(key, into: words) }
        }
        held += keys.count
        generation = new
    }

    private func build(generation current: Int64, estimate: () throws -> Int, scan: () throws -> [Int64]) throws {
        guard Self.bits(for: try estimate()) <= maximumBits else {
            switchedOff = true
            words = []
            return
        }
        let keys = try scan()
        let bits = Self.bits(for: keys.count)
        guard bits <= maximumBits else {
            switchedOff = true
            words = []
            return
        }
        var fresh = [UInt64](repeating: 0, count: bits / 64)
        fresh.withUnsafeMutableBufferPointer { words in
            for key in keys { Self.insert(key, into: words) }
        }
        words = fresh
        held = keys.count
        capacity = bits / 10
        generation = current
        builds += 1
    }

    /// 16 bits a key, rounded up to a power of two of at least `minimumBits`; `Int.max` past 2⁴⁰.
    private static func bits(for keys: Int) -> Int {
        let (wanted, overflow) = keys.multipliedReportingOverflow(by: 16)
        guard !overflow, wanted <= 1 << 40 else { return .max }
        var bits = minimumBits
        while bits < wanted { bits <<= 1 }
        return bits
    }

    /// The probes of a key, by double hashing: the keys are hashes already, so their two halves serve.
    private static func probe(_ key: Int64, _ index: Int, mask: UInt64) -> (word: Int, bit: UInt64) {
        let first = UInt64(bitPattern: key)
        let second = ((first >> 32) | (first << 32)) &* 0x9E37_79B9_7F4A_7C15 | 1
        let position = (first &+ UInt64(index) &* second) & mask
        return (Int(position >> 6), 1 << (position & 63))
    }

    private static func insert(_ key: Int64, into words: UnsafeMutableBufferPointer<UInt64>) {
        let mask = UInt64(words.count * 64 - 1)
        for index in 0..<probes {
            let (word, bit) = probe(key, index, mask: mask)
            words[word] |= bit
        }
    }

    private static func contains(_ key: Int64, in words: UnsafeBufferPointer<UInt64>) -> Bool {
        let mask = UInt64(words.count * 64 - 1)
        for index in 0..<probes {
            let (word, bit) = probe(key, index, mask: mask)
            if words[word] & bit == 0 { return false }
        }
        return true
    }
}
