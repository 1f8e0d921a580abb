import CoreFoundation
import Foundation

/// Finds the encoding of a text file's bytes and decodes them, refusing any decoding that would be garbage.
///
/// Order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; otherwise strict UTF-8; otherwise GB18030
/// (which also reads GBK and GB2312), accepted only when `GB18030Plausibility` finds the result to be
/// Chinese text. Decoding "without error" is not enough: GBK read as Big5 succeeds and is garbage.
enum EncodingDetector {
    /// Decoded text and the label recorded in `source.encoding`.
    struct Decoded: Equatable {
        var text: String
        /// One of `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`.
        var encoding: String
    }

    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(
        CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    static func decode(_ data: Data) throws(IntakeError) -> Decoded {
        let decoded: Decoded
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = try decodeUTF8(data.dropFirst(3), label: "utf-8-bom",
                                     attempt: "UTF-8 (after its byte-order mark)")
        } else if data.starts(with: [0xFF, 0xFE]) {
            decoded = try decodeUTF16(data.dropFirst(2), bigEndian: false)
        } else if data.starts(with: [0xFE, 0xFF]) {
            decoded = try decodeUTF16(data.dropFirst(2), bigEndian: true)
        } else {
            if let nul = data.withUnsafeBytes({ $0.firstIndex(of: 0) }) {
                throw .binary(detail: "it holds NUL bytes (the first at byte \(nul)) "
                                + "and no UTF-16 byte-order mark")
            }
            decoded = try decodeUTF8OrGB18030(data)
        }
        try rejectControls(decoded.text)
        return decoded
    }

    /// The encoding a byte-order mark names, or `utf-8` when there is none (for XML parts of a .docx).
    static func xmlEncodingLabel(_ data: Data) -> String {
        if data.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        if data.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        return "utf-8"
    }

    private static func decodeUTF8OrGB18030(_ data: Data) throws(IntakeError) -> Decoded {
        let utf8Failure: String
        switch strictUTF8(data) {
        case .success(let text): return Decoded(text: text, encoding: "utf-8")
        case .failure(let offset): utf8Failure = "UTF-8: invalid byte sequence at byte \(offset.byte)"
        }
        let scan = GB18030Scan(data)
        if let offset = scan.invalidAt {
            throw .undecodable(tried: [utf8Failure, "GB18030/GBK: invalid byte sequence at byte \(offset)"])
        }
        guard let text = String(data: data, encoding: gb18030) else {
            throw .undecodable(tried: [utf8Failure, "GB18030/GBK: Foundation could not decode it"])
        }
        if let doubt = GB18030Plausibility.doubt(scan: scan, text: text) {
            throw .undecodable(tried: [utf8Failure, "GB18030/GBK: decodes, but not to Chinese text (\(doubt))"])
        }
        return Decoded(text: text, encoding: "gb18030")
    }

    private static func decodeUTF8(_ bytes: Data, label: String, attempt: String) throws(IntakeError) -> Decoded {
        switch strictUTF8(bytes) {
        case .success(let text): return Decoded(text: text, encoding: label)
        case .failure(let offset): throw .undecodable(tried: ["\(attempt): invalid byte sequence at byte \(offset.byte)"])
        }
    }

    /// Where strict UTF-8 decoding stopped.
    struct InvalidUTF8: Error {
        var byte: Int
    }

    /// The text when the bytes are strict UTF-8 (no overlongs, no surrogates), else where they stop being so.
    static func strictUTF8(_ bytes: Data) -> Result<String, InvalidUTF8> {
        // Through the raw bytes: Data's own iterator reaches its storage, a class, once per byte.
        if let text = bytes.withUnsafeBytes({ String(validating: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }) {
            return .success(text)
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
        return .failure(InvalidUTF8(byte: offset))
    }

    private static func decodeUTF16(_ bytes: Data, bigEndian: Bool) throws(IntakeError) -> Decoded {
        let label = bigEndian ? "utf-16be" : "utf-16le"
        let attempt = "UTF-16 \(bigEndian ? "BE" : "LE") (named by its byte-order mark)"
        guard bytes.count % 2 == 0 else {
            throw .undecodable(tried: ["\(attempt): an odd number of bytes, so the file is cut short"])
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw .undecodable(tried: ["\(attempt): an unpaired surrogate"])
        }
        return Decoded(text: text, encoding: label)
    }

    /// Text holds no C0 control other than tab, line feed, form feed and carriage return, and no DEL.
    private static func rejectControls(_ text: String) throws(IntakeError) {
        var text = text
        guard text.withUTF8({ $0.contains(where: isForbiddenControl) }) else { return }
        let scalars = text.unicodeScalars
        let position = scalars.firstIndex { $0.isASCII && isForbiddenControl(UInt8($0.value)) }!
        let code = String(scalars[position].value, radix: 16, uppercase: true)
        throw .binary(detail: "it holds the control character U+\(String(repeating: "0", count: 4 - code.count))\(code) "
                        + "(the first at character \(scalars.distance(from: scalars.startIndex, to: position)))")
    }

    private static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) || byte == 0x7F
    }
}
