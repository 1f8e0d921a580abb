import ReportKit

/// One pass over a report's scalars: the content characters for shingles, the normalised text
/// hash, and the paragraphs (lines) and sentences with their passage keys.
///
/// Each scalar is folded the three ways (`ScalarFolding.text`, `.content`, `.passage`) in one
/// call; the ideographs that make up most of a report take a short path that gives the same values.
struct TextScan {
    /// Content characters (`ScalarFolding.content`), in order.
    var content: [UInt32] = []
    /// The hash of the text under `ScalarFolding.text`: equal for the same report in any encoding or layout.
    var textHash = ""
    var paragraphs: [Passage] = []
    var sentences: [Passage] = []

    /// A paragraph or sentence: its span with surrounding spaces trimmed, the hash of its content
    /// characters with digits and numerals folded, and how many of them it has.
    struct Passage: Equatable {
        var span: Span
        var key: Int64
        var length: Int
    }

    init(_ text: ScalarText) {
        var first = StableHash(seed: 1), second = StableHash(seed: 2)
        var counted: UInt64 = 0
        var sentence = PassageBuilder(), paragraph = PassageBuilder()
        var sentences: [Passage] = [], paragraphs: [Passage] = []
        // Read once here: a static array is behind a once-check on every access.
        let numerals = ScalarFolding.numeralIdeographs
        let scalars = text.scalars
        // At most one content character a scalar, written in place: an append checked capacity and uniqueness each time.
        content = [UInt32](unsafeUninitializedCapacity: scalars.count) { content, contentCount in
            scalars.withUnsafeBufferPointer { scalars in
                for index in scalars.indices {
                    let scalar = scalars[index]
                    let value = scalar.value
                    let textValue: UInt32?, contentValue: UInt32?, passageValue: UInt32?
                    if value >= 0x4E00 && value <= 0x9FFF {
                        textValue = value
                        contentValue = value
                        passageValue = ScalarFolding.isNumeralIdeograph(value, bits: numerals) ? 0x30 : value
                    } else {
                        (textValue, contentValue, passageValue) = ScalarFolding.folds(scalar)
                    }
                    if let textValue {
                        first.combine(textValue)
                        second.combine(textValue)
                        counted += 1
                    }
                    if let contentValue {
                        content.initializeElement(at: contentCount, to: contentValue)
                        contentCount += 1
                    }
                    let space = Self.isSpace(scalar)
                    sentence.add(index, passageValue, space: space)
                    paragraph.add(index, passageValue, space: space)
                    guard Self.endsSentence(scalar) else { continue }
                    if let passage = sentence.passage { sentences.append(passage) }
                    sentence = PassageBuilder()
                    guard Self.endsParagraph(scalar) else { continue }
                    if let passage = paragraph.passage { paragraphs.append(passage) }
                    paragraph = PassageBuilder()
                }
            }
        }
        if let passage = sentence.passage { sentences.append(passage) }
        if let passage = paragraph.passage { paragraphs.append(passage) }
        self.sentences = sentences
        self.paragraphs = paragraphs
        first.combine(counted)
        textHash = Self.hex(first.value) + Self.hex(second.value)
    }

    static func endsParagraph(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2029}"
    }

    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "；", "!", "?", ";", "\n", "\r", "\u{2029}": true
        default: false
        }
    }

    /// Whitespace, without the property lookup for the ideographs that make up most of a report.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0x3001...0x9FFF, 0xFF01...0xFF5E: false
        default: scalar.properties.isWhitespace
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A passage being read: its key so far, and where its first and last non-space scalars are.
private struct PassageBuilder {
    var hash = StableHash(seed: 7)
    var length = 0
    var lower: Int?
    var upper = 0

    mutating func add(_ index: Int, _ folded: UInt32?, space: Bool) {
        if let folded {
            hash.combine(folded)
            length += 1
        }
        guard !space else { return }
        if lower == nil { lower = index }
        upper = index + 1
    }

    var passage: TextScan.Passage? {
        lower.map { TextScan.Passage(span: Span($0, upper), key: Int64(bitPattern: hash.value), length: length) }
    }
}
