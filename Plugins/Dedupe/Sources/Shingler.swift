/// The set of character shingles (runs of `size` content characters) of a text, as sorted unique hashes.
struct Shingler: Sendable {
    let size: Int

    /// 64-bit hashes of every shingle of `content`, sorted, without repeats.
    func hashes(of content: [UInt32]) -> [UInt64] {
        guard !content.isEmpty else { return [] }
        guard content.count >= size else { return [Self.hash(content[...])] }
        var hashes = [UInt64](repeating: 0, count: content.count - size + 1)
        content.withUnsafeBufferPointer { scalars in
            for start in hashes.indices {
                var state: UInt64 = 0xCBF2_9CE4_8422_2325
                for offset in 0..<size {
                    state = (state ^ UInt64(scalars[start + offset])) &* 0x0000_0100_0000_01B3
                }
                hashes[start] = StableHash.mix(state)
            }
        }
        hashes.sort()
        return Self.unique(sorted: hashes)
    }

    /// The 32-bit set kept in the catalogue for the exact Jaccard check.
    static func stored(_ hashes: [UInt64]) -> [UInt32] {
        unique(sorted: hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }.sorted())
    }

    /// |a ∩ b| / |a ∪ b| of two sorted unique sets.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1; i += 1; j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
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
