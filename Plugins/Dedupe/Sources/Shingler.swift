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
        unique(sorted: HashSort.sorted(hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }))
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

    private static func unique<T: Equatable>(sorted: [T]) -> [T] {
        var result = sorted
        guard result.count > 1 else { return result }
        var kept = 1
        for index in 1..<result.count where result[index] != result[kept - 1] {
            result[kept] = result[index]
            kept += 1
        }
        result.removeLast(result.count - kept)
        return result
    }
}

/// A sort for uniformly distributed 32-bit hashes: a bucket per value expected, by the top bits, then
/// one insertion pass that only reorders within buckets. Linear in expectation, where a comparison sort is not.
enum HashSort {
    static func sorted(_ values: [UInt32]) -> [UInt32] {
        guard values.count > 64 else { return values.sorted() }
        let bits = UInt32(Int.bitWidth - values.count.leadingZeroBitCount)
        let shift = 32 - bits
        var offsets = [Int](repeating: 0, count: (1 << bits) + 1)
        var result = [UInt32](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { result in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    for value in values { offsets[Int(value >> shift) + 1] += 1 }
                    for bucket in 1..<offsets.count { offsets[bucket] += offsets[bucket - 1] }
                    for value in values {
                        let bucket = Int(value >> shift)
                        result[offsets[bucket]] = value
                        offsets[bucket] += 1
                    }
                    for index in 1..<result.count {
                        let value = result[index]
                        var slot = index
                        while slot > 0, result[slot - 1] > value {
                            result[slot] = result[slot - 1]
                            slot -= 1
                        }
                        result[slot] = value
                    }
                }
            }
        }
        return result
    }
}
