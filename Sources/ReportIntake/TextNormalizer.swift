/// The one place a report's text is normalised before any span is taken.
///
/// - Line endings (CRLF, CR, NEL, U+2028/2029, vertical tab, form feed) become `\n`.
/// - Width: full-width digits `０-９`, Latin letters, parentheses `（）`, and the number signs `％ ． ＋ － ／`
///   become ASCII; the ideographic space, no-break and other typographic spaces become a plain space.
///   This is a targeted fold, not NFKC: NFKC would also turn the full-width `，：；！？` of Chinese prose
///   into ASCII, and audit must still see a stray half-width `,` among them. So `（一）` and `２０２２`
///   match `(一)` and `2022`, while `，` and `,` stay apart.
/// - Zero-width characters (U+200B–200D, U+2060, U+FEFF) and soft hyphens are dropped.
/// - Each line is trimmed of spaces and tabs at both ends (indentation means nothing in these reports, and
///   HTML or Word would not keep it), and blank lines are dropped, so one paragraph is one line whatever
///   the format spaced them with.
/// - Page furniture of a scraped page is removed (`PageFurniture`); what it said is kept for metadata.
///
/// The result ends with a newline, or is empty.
public enum TextNormalizer {
    /// The normalised text.
    public static func normalize(_ text: String) -> String {
        normalizeReport(text).text
    }

    /// The normalised text, its lines and the page furniture taken out of it.
    static func normalizeReport(_ text: String) -> NormalizedReport {
        let stripped = PageFurniture.strip(trimmedLines(of: text))
        let joined = stripped.body.joined(separator: "\n")
        return NormalizedReport(text: joined.isEmpty ? "" : joined + "\n", lines: stripped.body,
                                furniture: stripped.found)
    }

    /// Non-blank lines, folded and trimmed, in one pass over the scalars into a UTF-8 buffer per line.
    private static func trimmedLines(of text: String) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(512)
        var pendingCR = false
        // The buffers are passed in, not captured: a captured var is boxed, and every append to it pays
        // a dynamic exclusivity check.
        for scalar in text.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            if scalar == "\r" { pendingCR = true }
            if isLineBreak(scalar) {
                finishLine(&line, into: &lines)
                continue
            }
            guard let folded = fold(scalar) else { continue }
            if folded.isASCII {
                line.append(UInt8(truncatingIfNeeded: folded.value))
            } else {
                line.append(contentsOf: UTF8.encode(folded)!)
            }
        }
        finishLine(&line, into: &lines)
        return lines
    }

    /// Appends `line` trimmed of blanks to `lines` unless nothing is left, and empties it.
    private static func finishLine(_ line: inout [UInt8], into lines: inout [String]) {
        var end = line.count
        while end > 0, isBlank(line[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isBlank(line[start]) { start += 1 }
        if start < end { lines.append(String(decoding: line[start..<end], as: UTF8.self)) }
        line.removeAll(keepingCapacity: true)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The scalar after the width fold, or nil when it is dropped.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case ..<0xA0: return scalar
        // Full-width digits, Latin letters, and （ ） ％ ． ＋ － ／.
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF08, 0xFF09, 0xFF05, 0xFF0E, 0xFF0B, 0xFF0D, 0xFF0F:
            return Unicode.Scalar(value - 0xFEE0)
        case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: return " "
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return nil
        default: return scalar
        }
    }
}

/// A report's normalised text with the lines it is made of and the page furniture removed from it.
struct NormalizedReport {
    var text: String
    var lines: [String]
    var furniture: PageFurniture.Found
}
