/// Every position of a text grouped by the low bits of its scalar, in text order within a group:
/// where a phrase may start, found without scanning the whole text. Built in two linear passes.
struct ScalarBuckets {
    private static let mask: UInt32 = 0xFFF

    /// `positions[starts[b]..<starts[b + 1]]` are the positions of group `b`.
    private let starts: [Int32]
    private let positions: [Int32]

    init(_ scalars: [Unicode.Scalar]) {
        var starts = [Int32](repeating: 0, count: Int(Self.mask) + 2)
        for scalar in scalars { starts[Int(scalar.value & Self.mask) + 1] += 1 }
        for group in 0...Int(Self.mask) { starts[group + 1] += starts[group] }
        var next = starts
        var positions = [Int32](repeating: 0, count: scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let group = Int(scalar.value & Self.mask)
            positions[Int(next[group])] = Int32(index)
            next[group] += 1
        }
        self.starts = starts
        self.positions = positions
    }

    /// Each group of two or more positions in turn, groups in no meaningful order.
    func forEachGroup(_ body: (ArraySlice<Int32>) -> Void) {
        for group in 0..<(starts.count - 1) where starts[group + 1] > starts[group] + 1 {
            body(positions[Int(starts[group])..<Int(starts[group + 1])])
        }
    }

    /// The positions whose scalar shares `scalar`'s group, ascending; the caller checks the scalar itself.
    func positions(of scalar: Unicode.Scalar) -> ArraySlice<Int32> {
        let group = Int(scalar.value & Self.mask)
        return positions[Int(starts[group])..<Int(starts[group + 1])]
    }
}

/// The first position of each window hash of a text: an open-addressing table sized once for the
/// text, so the repeated-passage scan does no hashing of its own and no allocation per window.
struct FirstWindows {
    private var keys: [UInt64]
    private var positions: [Int]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        keys = Array(repeating: 0, count: size)
        positions = Array(repeating: -1, count: size)
        mask = size - 1
    }

    private func slot(_ key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while positions[slot] >= 0, keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// The position recorded for `key`, if any.
    func first(_ key: UInt64) -> Int? {
        let slot = slot(key)
        return positions[slot] >= 0 ? positions[slot] : nil
    }

    /// Records `position` for `key`, which has none yet.
    mutating func insert(_ key: UInt64, at position: Int) {
        let slot = slot(key)
        keys[slot] = key
        positions[slot] = position
    }
}
