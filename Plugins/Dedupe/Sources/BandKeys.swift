/// The LSH band keys of a MinHash signature: `bands` bands of `rows` values, each band hashed to one key.
///
/// Two reports with Jaccard similarity s share at least one key with probability 1 − (1 − s^rows)^bands.
struct BandKeys: Sendable {
    let bands: Int
    let rows: Int
    /// Folded into every key, so that keys made with other parameters never collide with these.
    let parameters: UInt64

    init(bands: Int, rows: Int, shingleSize: Int) {
        self.bands = bands
        self.rows = rows
        parameters = UInt64(bands) << 32 | UInt64(rows) << 16 | UInt64(shingleSize)
    }

    func keys(for signature: [UInt32]) -> [Int64] {
        (0..<bands).map { band in
            var hash = StableHash(seed: parameters &+ UInt64(band))
            for value in signature[(band * rows)..<((band + 1) * rows)] { hash.combine(value) }
            return Int64(bitPattern: hash.value)
        }
    }
}
