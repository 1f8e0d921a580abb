/// A half-open range `[start, end)` in Unicode scalars of a document's text, written as `[start, end]` in JSON.
public struct Span: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "span start after end")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var description: String { "[\(start), \(end))" }

    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let start = try container.decode(Int.self)
        let end = try container.decode(Int.self)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "span start after end")
        }
        self.init(start, end)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }
}

/// The text of a document as an array of Unicode scalars, the unit every span counts in.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]

    /// Decodes the UTF-8 directly: a String is always valid UTF-8, so every sequence is whole, and
    /// the scalar view's iterator into a growing array was 5 % of the dedupe step's time.
    public init(_ text: String) {
        var text = text
        scalars = text.withUTF8 { utf8 in
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, initialized in
                var index = 0, count = 0
                while index < utf8.count {
                    let lead = UInt32(utf8[index])
                    var value: UInt32
                    switch lead {
                    case ..<0x80:
                        value = lead
                        index += 1
                    case ..<0xE0:
                        value = (lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                        index += 2
                    case ..<0xF0:
                        value = (lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                        index += 3
                    default:
                        value = (lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12
                            | UInt32(utf8[index + 2] & 0x3F) << 6 | UInt32(utf8[index + 3] & 0x3F)
                        index += 4
                    }
                    buffer.initializeElement(at: count, to: unsafeBitCast(value, to: Unicode.Scalar.self))
                    count += 1
                }
                initialized = count
            }
        }
    }

    public var count: Int { scalars.count }

    public subscript(span: Span) -> String {
        Self.string(of: scalars[max(0, span.start)..<min(scalars.count, span.end)])
    }

    /// The String of `scalars`, encoded straight to UTF-8 (line feeds as spaces when asked, for an
    /// excerpt on one line): its exact length is counted first, so a text of up to 15 bytes (五个汉字)
    /// is stored inline and allocates nothing, and no scalar goes through the standard library's
    /// generic path. The one encoder back from scalars, as `init` is the one decoder.
    public static func string(of scalars: ArraySlice<Unicode.Scalar>, newlinesAsSpaces: Bool = false) -> String {
        var length = 0
        for scalar in scalars {
            let value = scalar.value
            length += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            for scalar in scalars {
                let value = newlinesAsSpaces && scalar == "\n" ? 0x20 : scalar.value
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
