/// A metric's text written back from the report's scalars, skipping the standard library's generic
/// path (the scalars themselves come from `ScalarText`).
enum ScalarBuffer {
    /// The String of `scalars[range]`, encoded straight to UTF-8; its exact length is counted first,
    /// so a text of up to 15 bytes (五个汉字) is stored inline and allocates nothing.
    static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var length = 0
        for index in range {
            let value = scalars[index].value
            length += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            for index in range {
                let value = scalars[index].value
                switch value {
                case 0..<0x80:
                    buffer[count] = UInt8(value)
                    count += 1
                case 0x80..<0x800:
                    buffer[count] = UInt8(0xC0 | value >> 6)
                    buffer[count + 1] = UInt8(0x80 | value & 0x3F)
                    count += 2
                case 0x800..<0x10000:
                    buffer[count] = UInt8(0xE0 | value >> 12)
                    buffer[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[count + 2] = UInt8(0x80 | value & 0x3F)
                    count += 3
                default:
                    buffer[count] = UInt8(0xF0 | value >> 18)
                    buffer[count + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                    buffer[count + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[count + 3] = UInt8(0x80 | value & 0x3F)
                    count += 4
                }
            }
            return count
        }
    }
}
