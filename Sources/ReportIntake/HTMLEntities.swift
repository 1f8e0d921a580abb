/// HTML character references: numeric ones (`&#25253;`, `&#x62A5;`) and the named ones a Chinese
/// government page uses.
enum HTMLEntities {
    /// Decodes the reference just after an `&` at `position` and moves past it; when there is none, returns
    /// `&` and leaves `position` where it was.
    static func decode(_ scalars: [Unicode.Scalar], at position: inout Int) -> [Unicode.Scalar] {
        if position < scalars.count, scalars[position] == "#" {
            return decodeNumeric(scalars, at: &position)
        }
        var end = position
        var name = ""
        while end < scalars.count, end - position < longestName, isAlphanumeric(scalars[end]) {
            name.unicodeScalars.append(scalars[end])
            end += 1
        }
        let terminated = end < scalars.count && scalars[end] == ";"
        if terminated, let value = named[name] {
            position = end + 1
            return [value]
        }
        if !terminated, let value = legacyWithoutSemicolon[name] {
            position = end
            return [value]
        }
        return ["&"]
    }

    private static func decodeNumeric(_ scalars: [Unicode.Scalar], at position: inout Int) -> [Unicode.Scalar] {
        var cursor = position + 1
        var radix: UInt32 = 10
        if cursor < scalars.count, scalars[cursor] == "x" || scalars[cursor] == "X" {
            radix = 16
            cursor += 1
        }
        let digitsStart = cursor
        var value: UInt32 = 0
        while cursor < scalars.count, let digit = digitValue(scalars[cursor], radix: radix) {
            value = min(value &* radix &+ digit, 0x110000)
            cursor += 1
        }
        guard cursor > digitsStart else { return ["&"] }
        if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
        position = cursor
        if let mapped = windows1252[value] { return [mapped] }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return ["\u{FFFD}"] }
        return [scalar]
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x61...0x66 where radix == 16: scalar.value - 0x61 + 10
        case 0x41...0x46 where radix == 16: scalar.value - 0x41 + 10
        default: nil
        }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    private static let longestName = 10

    /// What `&#128;`–`&#159;` mean in HTML: the Windows-1252 characters, not C1 controls.
    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

    /// The few names browsers also accept without their `;`.
    private static let legacyWithoutSemicolon: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{00A0}", "copy": "\u{00A9}", "reg": "\u{00AE}",
    ]

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{00AD}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "horbar": "\u{2015}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bdquo": "\u{201E}", "hellip": "\u{2026}",
        "middot": "\u{00B7}", "bull": "\u{2022}", "prime": "\u{2032}", "Prime": "\u{2033}", "permil": "\u{2030}",
        "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "deg": "\u{00B0}", "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}", "minus": "\u{2212}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}", "infin": "\u{221E}",
        "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}", "frac14": "\u{00BC}", "frac12": "\u{00BD}",
        "frac34": "\u{00BE}", "micro": "\u{00B5}", "sect": "\u{00A7}", "para": "\u{00B6}", "copy": "\u{00A9}",
        "reg": "\u{00AE}", "trade": "\u{2122}", "yen": "\u{00A5}", "cent": "\u{00A2}", "pound": "\u{00A3}",
        "euro": "\u{20AC}", "larr": "\u{2190}", "uarr": "\u{2191}", "rarr": "\u{2192}", "darr": "\u{2193}",
        "harr": "\u{2194}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "acute": "\u{00B4}", "uml": "\u{00A8}",
        "macr": "\u{00AF}", "cedil": "\u{00B8}", "ordf": "\u{00AA}", "ordm": "\u{00BA}", "not": "\u{00AC}",
        "brvbar": "\u{00A6}", "curren": "\u{00A4}", "loz": "\u{25CA}", "star": "\u{2606}", "starf": "\u{2605}",
        "check": "\u{2713}", "cross": "\u{2717}", "squ": "\u{25A1}", "square": "\u{25A1}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "agrave": "\u{00E0}", "uuml": "\u{00FC}", "ouml": "\u{00F6}",
        "auml": "\u{00E4}",
    ]
}
