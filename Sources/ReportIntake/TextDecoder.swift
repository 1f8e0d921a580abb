import Foundation

/// Bytes to text: strict UTF-8 (with or without BOM), and nothing that would decode into garbage.
enum TextDecoder {
    struct Decoded {
        var text: String
        var encoding: String
    }

    static func decode(_ data: Data) throws(IntakeError) -> Decoded {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0) { throw IntakeError.binary }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw IntakeError.undecodable(tried: ["UTF-8"])
        }
        let controls = text.unicodeScalars.filter {
            $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" && $0 != "\u{0C}"
        }.count
        if controls > 0 { throw IntakeError.binary }
        return Decoded(text: text, encoding: "utf-8")
    }
}
