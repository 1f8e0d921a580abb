import Foundation

/// Text made safe for HTML (and XHTML) content and quoted attribute values.
public enum HTMLText {
    /// Escapes `& < > " '`; control characters XML does not allow become U+FFFD, so the page always parses.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            let first = firstEscape(in: bytes)
            guard first < bytes.count else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            appendEscaped(bytes, from: first, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends `text` escaped as ``escape(_:)`` does to `out`, without building a string in between.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, from: 0, to: &out) }
    }

    /// Appends UTF-8 `bytes` escaped as ``escape(_:)`` does, for text that is already bytes.
    static func appendEscaped(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, from: 0, to: &out) }
    }

    private static func firstEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        var index = start
        while index < bytes.count, needsEscape(bytes, at: index) == 0 { index += 1 }
        return index
    }

    /// Appends `bytes` escaped; the bytes before `clean` are known to need no escape.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, from clean: Int, to out: inout [UInt8]) {
        var index = 0
        var run = clean
        while index < bytes.count {
            // Runs that need no escape are copied whole.
            run = firstEscape(in: bytes, from: run)
            if run > index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<run])) }
            index = run
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD for a control or non-character
            }
            index += needsEscape(bytes, at: index)
            run = index
        }
    }

    /// How many UTF-8 bytes at `index` are replaced when escaping: a markup character, a C0 or C1
    /// control other than tab and line breaks, DEL, U+FFFE or U+FFFF; 0 for a byte kept as it is.
    @inline(__always)
    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F:
            return 1
        case 0x09, 0x0A, 0x0D:
            return 0
        case 0x00..<0x20:
            return 1
        case 0xC2:
            return index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : 0
        case 0xEF:
            return index + 2 < bytes.count && bytes[index + 1] == 0xBF && (0xBE...0xBF).contains(bytes[index + 2]) ? 3 : 0
        default:
            return 0
        }
    }

    /// A relative link made of path components, each percent-encoded, so names with `#`, `?`, `%` or spaces stay one path.
    public static func href(_ components: [String]) -> String {
        var out: [UInt8] = []
        for (position, component) in components.enumerated() {
            if position > 0 { out.append(UInt8(ascii: "/")) }
            if component == ".." {
                out.append(contentsOf: component.utf8)
                continue
            }
            for byte in component.utf8 {
                if keptInPath(byte) {
                    out.append(byte)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// RFC 3986 path characters without `/ ; ? # %`: what Foundation's `urlPathAllowed` keeps, less those.
    @inline(__always)
    private static func keptInPath(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"),
             UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The link from archive entry `from` to the page of archive entry `to`, both relative to the data root.
    public static func pageHref(from entry: String, to other: String, page: String = ReportPage.fileName) -> String {
        let depth = entry.split(separator: "/").count
        let up = Array(repeating: "..", count: depth)
        return href(up + other.split(separator: "/").map(String.init) + [page])
    }

    /// A number as people write it: no `.0` on whole numbers, no exponent for ordinary sizes.
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
