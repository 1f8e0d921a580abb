import Foundation

/// The byte structure of a would-be GB18030 file: where it stops being GB18030, and how its two-byte
/// characters are spread between the GB2312 area (both bytes 0xA1–0xFE) and the GBK extensions.
///
/// Real simplified-Chinese text keeps nearly every two-byte character in the GB2312 area; Big5, Shift-JIS
/// or Latin-1 bytes read as GBK land in the extensions.
struct GB18030Scan {
    private(set) var invalidAt: Int?
    private(set) var twoByte = 0
    private(set) var twoByteInGB2312Area = 0
    private(set) var fourByte = 0

    init(_ data: Data) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 { index += 1; continue }
                guard (0x81...0xFE).contains(lead), index + 1 < bytes.count else { invalidAt = index; return }
                let second = bytes[index + 1]
                if (0x40...0xFE).contains(second), second != 0x7F {
                    twoByte += 1
                    if lead >= 0xA1, second >= 0xA1 { twoByteInGB2312Area += 1 }
                    index += 2
                } else if (0x30...0x39).contains(second), index + 3 < bytes.count,
                          (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3]) {
                    fourByte += 1
                    index += 4
                } else {
                    invalidAt = index
                    return
                }
            }
        }
    }
}

/// Judges whether a GB18030 decoding is Chinese text rather than another encoding's bytes misread.
enum GB18030Plausibility {
    /// Why the decoding is not believable, or nil when it is.
    ///
    /// Refused: private-use or replacement characters (GB18030's user-defined areas, never in a report);
    /// more than a tenth of the two-byte characters outside the GB2312 area; more than one in fifty
    /// non-ASCII characters outside the scripts and symbols a Chinese report uses (kana, Hangul, Cyrillic,
    /// accented Latin, … are what misread Japanese, Korean, Big5 or Latin-1 turns into).
    static func doubt(scan: GB18030Scan, text: String) -> String? {
        if scan.twoByte > 0, (scan.twoByte - scan.twoByteInGB2312Area) * 10 > scan.twoByte {
            return "\(scan.twoByte - scan.twoByteInGB2312Area) of \(scan.twoByte) two-byte characters lie "
                + "outside GB2312, as Big5 or Shift-JIS bytes would"
        }
        var nonASCII = 0
        var foreign = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 { continue }
            nonASCII += 1
            if value >= 0x4E00, value <= 0x9FFF { continue }
            if (0xE000...0xF8FF).contains(value) || value == 0xFFFD || (0x80...0x9F).contains(value) {
                return "it would hold U+\(String(value, radix: 16, uppercase: true)), a private-use, "
                    + "replacement or control character"
            }
            if !chineseTextRanges.contains(where: { $0.contains(value) }) { foreign += 1 }
        }
        if foreign * 50 > nonASCII {
            return "\(foreign) of \(nonASCII) non-ASCII characters are kana, Hangul, Cyrillic, accented Latin "
                + "or other script a Chinese report does not use"
        }
        return nil
    }

    /// Blocks a Chinese report's characters come from, beyond ASCII.
    private static let chineseTextRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x00BF, 0x00D7...0x00D7, 0x00F7...0x00F7,   // Latin-1 symbols: · ° ± × ÷
        0x2000...0x23FF,    // punctuation, currency, letterlike, number forms, arrows, maths
        0x2460...0x27BF,    // enclosed numbers, box drawing, shapes, symbols, dingbats
        0x2E80...0x303F,    // CJK radicals, CJK symbols and punctuation
        0x30FB...0x30FB,    // katakana middle dot, as in "12・4"
        0x3200...0x4DBF,    // enclosed CJK, CJK compatibility, extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE6F,    // vertical, compatibility and small forms
        0xFF00...0xFFEF,    // full-width forms
        0x20000...0x3134F,  // CJK extensions B–G
    ]
}
