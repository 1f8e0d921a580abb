/// How the splitter reads single scalars: widths folded, blanks, sentence ends and clause boundaries.
enum ScalarClass {
    /// A full-width ASCII form (`，` `：` `（` `１`) as its ASCII twin; anything else unchanged.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        guard (0xFF01...0xFF5E).contains(value) else { return scalar }
        return Unicode.Scalar(value - 0xFEE0) ?? scalar
    }

    /// Spaces within a line: ASCII, ideographic, no-break, tab and a stray carriage return.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\r", "\u{3000}", "\u{00A0}", "\u{FEFF}": true
        default: false
        }
    }

    /// The value of an ASCII or full-width digit.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        let folded = folded(scalar)
        guard ("0"..."9").contains(folded) else { return nil }
        return Int(folded.value - 48)
    }

    /// `。！？` and their half-width forms: where a heading that runs on into its paragraph ends.
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch folded(scalar) {
        case "。", "!", "?": true
        default: false
        }
    }

    /// `：` or `:`.
    static func isColon(_ scalar: Unicode.Scalar) -> Bool { folded(scalar) == ":" }

    /// `；` or `;`.
    static func isSemicolon(_ scalar: Unicode.Scalar) -> Bool { folded(scalar) == ";" }

    /// Punctuation after which a new clause, and so an inline item such as `二是`, may begin.
    static func isClauseBoundary(_ scalar: Unicode.Scalar) -> Bool {
        if isBlank(scalar) { return true }
        return switch folded(scalar) {
        case "。", "!", "?", ";", ":", ",", "、": true
        default: false
        }
    }

    /// Punctuation a title does not end with: commas, colons, semicolons and blanks.
    static func isTitleTrailer(_ scalar: Unicode.Scalar) -> Bool {
        if isBlank(scalar) { return true }
        return switch folded(scalar) {
        case ",", ":", ";", "、": true
        default: false
        }
    }

    /// Sentence and clause punctuation a short signature, page-furniture or title line never carries.
    static func isProsePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch folded(scalar) {
        case "。", ",", ";", "!", "?": true
        default: false
        }
    }
}
