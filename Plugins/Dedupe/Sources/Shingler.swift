/// The set of character shingles (runs of `size` content characters) of a text, hashed.
struct Shingler: Sendable {
    let size: Int

    /// 64-bit hashes of every shingle of `content`, in text order, repeats kept: MinHash ignores them,
    /// and `stored` sorts them away, so no sort is spent here.
    func hashes(of content: [UInt32]) -> [UInt64] {
        guard !content.isEmpty else { return [] }
        guard content.count >= size else { return [Self.hash(content[...])] }
        let count = content.count - size + 1
        return [UInt64](unsafeUninitializedCapacity: count) { hashes, initialized in
            content.withUnsafeBufferPointer { scalars in
                for start in 0..<count {
                    var state: UInt64 = 0xCBF2_9CE4_8422_2325
                    for offset in 0..<size {
                        state = (state ^ UInt64(scalars[start + offset])) &* 0x0000_0100_0000_01B3
                    }
                    hashes[start] = StableHash.mix(state)
                }
            }
            initialized = count
        }
    }

    /// The 32-bit set kept in the catalogue for the exact Jaccard check: sorted, without repeats.
    static func stored(_ hashes: [UInt64]) -> [UInt32] {
        HashSort.sortedTopHalves(hashes)
    }

    /// |a ∩ b| / |a ∪ b| of two sorted unique sets, by a merge without branches on the values.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let shared = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0, j = 0, shared = 0
                while i < a.count && j < b.count {
                    let x = a[i], y = b[j]
                    shared &+= x == y ? 1 : 0
                    i &+= x <= y ? 1 : 0
                    j &+= y <= x ? 1 : 0
                }
                return shared
            }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    private static func hash(_ content: ArraySlice<UInt32>) -> UInt64 {
        var hash = StableHash()
        for value in content { hash.combine(value) }
        return hash.value
    }
}

/// The sorted, distinct top halves of 64-bit hashes: a least-significant-digit radix sort in three
/// passes of 11 bits, then one pass that drops repeats.
///
/// Linear whatever the values; about 13 µs for a report's 2,150 hashes, where a bucket sort with an
/// insertion pass and a separate pass for repeats took about 21 µs.
enum HashSort {
    static func sortedTopHalves(_ hashes: [UInt64]) -> [UInt32] {
        let count = hashes.count
        guard count > 1 else { return hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) } }
        var sorted = [UInt32](repeating: 0, count: count)
        var kept = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { scratch in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * 2048) { offsets in
                offsets.initialize(repeating: 0)
                hashes.withUnsafeBufferPointer { hashes in
                    sorted.withUnsafeMutableBufferPointer { sorted in
                        for hash in hashes {
                            let value = UInt32(truncatingIfNeeded: hash >> 32)
                            offsets[Int(value & 0x7FF)] &+= 1
                            offsets[2048 + Int(value >> 11 & 0x7FF)] &+= 1
                            offsets[4096 + Int(value >> 22)] &+= 1
                        }
                        for digit in 0..<3 {
                            var total: Int32 = 0
                            for slot in (digit * 2048)..<((digit + 1) * 2048) {
                                let size = offsets[slot]
                                offsets[slot] = total
                                total &+= size
                            }
                        }
                        for hash in hashes {
                            let value = UInt32(truncatingIfNeeded: hash >> 32)
                            let slot = Int(value & 0x7FF)
                            sorted[Int(offsets[slot])] = value
                            offsets[slot] &+= 1
                        }
                        for value in sorted {
                            let slot = 2048 + Int(value >> 11 & 0x7FF)
                            scratch[Int(offsets[slot])] = value
                            offsets[slot] &+= 1
                        }
                        for value in scratch {
                            let slot = 4096 + Int(value >> 22)
                            sorted[Int(offsets[slot])] = value
                            offsets[slot] &+= 1
                        }
                        kept = 1
                        for index in 1..<count where sorted[index] != sorted[kept - 1] {
                            sorted[kept] = sorted[index]
                            kept += 1
                        }
                    }
                }
            }
        }
        sorted.removeLast(count - kept)
        return sorted
    }
}
