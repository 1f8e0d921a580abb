/// MinHash signatures by one-permutation hashing with rotation densification (Li, Owen & Zhang 2012; Shrivastava & Li 2014).
///
/// Each shingle hash is drawn once: its top bits pick one of `permutations` bins, its low bits are
/// the value, and each bin keeps its minimum. An empty bin borrows from the next non-empty bin to
/// its right, offset by the distance, so that two signatures still agree with probability Jaccard.
struct MinHasher: Sendable {
    let permutations: Int

    func signature(of hashes: [UInt64]) -> [UInt32] {
        var bins = [UInt32](repeating: .max, count: permutations)
        var filled = [Bool](repeating: false, count: permutations)
        let count = UInt64(permutations)
        for hash in hashes {
            let bin = Int(((hash >> 32) &* count) >> 32)
            let value = UInt32(truncatingIfNeeded: hash)
            if !filled[bin] || value < bins[bin] {
                bins[bin] = value
                filled[bin] = true
            }
        }
        guard filled.contains(true), filled.contains(false) else { return bins }
        var signature = bins
        for bin in 0..<permutations where !filled[bin] {
            var distance = 1
            while !filled[(bin + distance) % permutations] { distance += 1 }
            signature[bin] = bins[(bin + distance) % permutations] &+ UInt32(truncatingIfNeeded: distance &* 0x9E37_79B9)
        }
        return signature
    }
}
