/// Conversions between a String and its scalars that skip the standard library's generic paths:
/// the scan reads a whole report into scalars once and writes each metric's text back.
enum ScalarBuffer {
    /// The scalars of `text`, decoded from its UTF-8 in one pass.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, count in
                var index = 0
                count = 0
                // A String's UTF-8 is valid: every sequence is whole and every value decoded is a scalar.
                while index < bytes.count {
                    let lead = UInt32(bytes[index])
                    let value: UInt32
                    if lead < 0x80 {
                        value = lead
                        index += 1
                    } else if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        index += 3
                    } else {
                        value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                        index += 4
                    }
                    scalars.initializeElement(at: count, to: unsafeBitCast(value, to: Unicode.Scalar.self))
                    count += 1
                }
            }
        }
    }

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
