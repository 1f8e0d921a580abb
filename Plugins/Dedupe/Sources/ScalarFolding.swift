/// How text is folded before it is hashed: widths unified, spacing dropped, and optionally punctuation and digits.
struct ScalarFolding: Sendable {
    /// Drop punctuation and symbols as well as spacing (shingles and passages), or keep them (the text hash).
    var keepsPunctuation: Bool
    /// Map every digit and numeral (五, 百, 万) to 0, so that a passage with changed numbers keeps its key.
    var foldsDigits: Bool

    static let text = ScalarFolding(keepsPunctuation: true, foldsDigits: false)
    static let content = ScalarFolding(keepsPunctuation: false, foldsDigits: false)
    static let passage = ScalarFolding(keepsPunctuation: false, foldsDigits: true)

    /// The ideographs Chinese numbers are written with, as one bit per ideograph of U+4E00–U+9FFF.
    static let numeralIdeographs: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00) / 64 + 1)
        for scalar in "零一二三四五六七八九十百千万亿两".unicodeScalars {
            let offset = Int(scalar.value) - 0x4E00
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        return bits
    }()

    /// Whether `value` (an ideograph of U+4E00–U+9FFF) is a numeral; a hot loop passes `bits` read once.
    static func isNumeralIdeograph(_ value: UInt32, bits: [UInt64] = numeralIdeographs) -> Bool {
        let offset = Int(value) - 0x4E00
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    /// The folded value of `scalar`, or nil when it does not count.
    func fold(_ scalar: Unicode.Scalar) -> UInt32? {
        let folds = Self.folds(scalar)
        return keepsPunctuation ? folds.text : foldsDigits ? folds.passage : folds.content
    }

    /// `scalar` folded the three ways at once (`text`, `content`, `passage`), for one pass over a report.
    static func folds(_ scalar: Unicode.Scalar) -> (text: UInt32?, content: UInt32?, passage: UInt32?) {
        var value = scalar.value
        if value == 0x3000 { return (nil, nil, nil) }
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        if value < 0x80 {
            if value <= 0x20 || value == 0x7F { return (nil, nil, nil) }
            if value >= 0x30 && value <= 0x39 { return (value, value, 0x30) }
            if (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A { return (value | 0x20, value | 0x20, value | 0x20) }
            return (value, nil, nil)
        }
        if (0x4E00...0x9FFF).contains(value) {
            return (value, value, isNumeralIdeograph(value) ? 0x30 : value)
        }
        if (0x3001...0x303F).contains(value), value != 0x3005, value != 0x3007 {
            return (value, nil, nil)
        }
        let properties = Unicode.Scalar(value)!.properties
        if properties.isWhitespace { return (nil, nil, nil) }
        let numeric = properties.numericType
        if numeric == .decimal { return (value, value, 0x30) }
        let content: UInt32? = switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .format, .control:
            nil
        default:
            value
        }
        return (value, content, numeric == nil ? content : 0x30)
    }

    /// The folded values of `scalars`.
    func fold<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> [UInt32] {
        var folded: [UInt32] = []
        folded.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars {
            if let value = fold(scalar) { folded.append(value) }
        }
        return folded
    }
}
