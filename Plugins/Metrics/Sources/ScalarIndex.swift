/// A map from scalars to values built once and read in a hot loop: a bitmap answers most misses,
/// a table over the Basic Multilingual Plane the hits, a binary search the rare scalar beyond it.
struct ScalarIndex<Value: Sendable>: Sendable {
    private let bits: [UInt64]
    /// For each scalar below 65536, its value's place in `values` plus one; 0 for none.
    private let slots: [UInt16]
    private let keys: [UInt32]
    private let values: [Value]

    init(_ pairs: [Unicode.Scalar: Value]) {
        let sorted = pairs.sorted { $0.key.value < $1.key.value }
        keys = sorted.map(\.key.value)
        values = sorted.map(\.value)
        precondition(values.count < Int(UInt16.max), "too many keys for a scalar index")
        var bits = [UInt64](repeating: 0, count: 1024)
        var slots = [UInt16](repeating: 0, count: sorted.isEmpty ? 0 : 65536)
        for (place, key) in keys.enumerated() where key < 65536 {
            bits[Int(key >> 6)] |= 1 << UInt64(key & 63)
            slots[Int(key)] = UInt16(place + 1)
        }
        self.bits = bits
        self.slots = slots
    }

    @inline(__always)
    subscript(scalar: Unicode.Scalar) -> Value? {
        let key = scalar.value
        if key < 65536 {
            guard bits[Int(key >> 6)] & (1 << UInt64(key & 63)) != 0 else { return nil }
            return values[Int(slots[Int(key)]) - 1]
        }
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? values[low] : nil
    }
}
