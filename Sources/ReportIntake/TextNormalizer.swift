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

    /// Non-blank lines, folded and trimmed, in one pass over the scalars.
    private static func trimmedLines(of text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var pendingCR = false
        func finishLine() {
            var end = line.endIndex
            while end > line.startIndex, isBlank(line[line.index(before: end)]) { end = line.index(before: end) }
            var start = line.startIndex
            while start < end, isBlank(line[start]) { start = line.index(after: start) }
            if start < end { lines.append(String(String.UnicodeScalarView(line[start..<end]))) }
            line = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            if scalar == "\r" { pendingCR = true }
            if lineBreaks.contains(scalar) {
                finishLine()
                continue
            }
            if let folded = fold(scalar) { line.append(folded) }
        }
        finishLine()
        return lines
    }

    private static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
    private static let dropped: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}"]
    private static let foldedSigns: Set<Unicode.Scalar> = ["（", "）", "％", "．", "＋", "－", "／"]

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    /// The scalar after the width fold, or nil when it is dropped.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return Unicode.Scalar(value - 0xFEE0)
        case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: return " "
        default:
            if foldedSigns.contains(scalar) { return Unicode.Scalar(value - 0xFEE0) }
            return dropped.contains(scalar) ? nil : scalar
        }
    }
}

/// A report's normalised text with the lines it is made of and the page furniture removed from it.
struct NormalizedReport {
    var text: String
    var lines: [String]
    var furniture: PageFurniture.Found
}
