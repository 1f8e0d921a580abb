import ReportKit

/// A 64-bit FNV-1a accumulator with a splitmix64 finish, for keys that must stay stable across runs (unlike `Hasher`).
struct StableHash: Sendable {
    private var state: UInt64

    init(seed: UInt64 = 0) {
        state = 0xCBF2_9CE4_8422_2325 ^ Self.mix(seed)
    }

    mutating func combine(_ value: UInt32) {
        state = (state ^ UInt64(value)) &* 0x0000_0100_0000_01B3
    }

    mutating func combine(_ value: UInt64) {
        combine(UInt32(truncatingIfNeeded: value))
        combine(UInt32(truncatingIfNeeded: value >> 32))
    }

    var value: UInt64 { Self.mix(state) }

    /// The splitmix64 finaliser: every input bit reaches every output bit.
    static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The hash of a report's text after width and spacing are folded: equal for the same report in any encoding or format.
enum NormalisedTextHash {
    static func of(_ text: String) -> String {
        TextScan(ScalarText(text)).textHash
    }
}
