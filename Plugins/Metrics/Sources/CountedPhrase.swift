/// Finds the noun phrase a number counts: after its unit (27名干部) or before it (召开党组会议十四次 → 党组会议).
public final class CountedPhrase: Sendable {
    let verbs: ScalarPhraseSet<Bool>
    let links: ScalarPhraseSet<Bool>
    let stops: ScalarPhraseSet<Bool>
    let leading: ScalarPhraseSet<Bool>
    let nounEndings: ScalarPhraseSet<Bool>
    /// The longest phrase read after a unit.
    static let longestAfter = 10
    /// The longest phrase kept before a number; a longer one keeps its end.
    static let longestBefore = 24

    public init(verbs: [String], links: [String], stops: [String], leading: [String], nounEndings: [String] = []) {
        self.verbs = ScalarPhraseSet(verbs)
        self.links = ScalarPhraseSet(links)
        self.stops = ScalarPhraseSet(stops)
        self.leading = ScalarPhraseSet(leading)
        self.nounEndings = ScalarPhraseSet(nounEndings)
    }

    /// The phrase right after the unit, up to a break, a digit, a stop word or a verb.
    func after(_ start: Int, in text: [Unicode.Scalar]) -> Range<Int>? {
        guard start < text.count, TextBreaks.isWordScalar(text[start]), !startsWordBoundary(at: start, in: text) else { return nil }
        var end = start
        while end < text.count, end - start < Self.longestAfter, TextBreaks.isWordScalar(text[end]) {
            if end > start, startsWordBoundary(at: end, in: text) { break }
            end += 1
        }
        return end - start >= 2 ? start..<end : nil
    }

    private func startsWordBoundary(at index: Int, in text: [Unicode.Scalar]) -> Bool {
        stops.match(at: index, in: text) != nil || verb(at: index, in: text) != nil || links.match(at: index, in: text) != nil
    }

    /// The length of the verb at `start`, unless a noun ending makes it part of a noun (完成率, 培训班).
    @inline(__always)
    private func verb(at start: Int, in text: [Unicode.Scalar], limit: Int? = nil) -> Int? {
        guard let found = verbs.match(at: start, in: text, limit: limit) else { return nil }
        return nounEndings.match(at: start + found.length, in: text) == nil ? found.length : nil
    }

    /// The phrase before the number in `clause`, with its verbs, linking words and qualifiers left off.
    ///
    /// `clause` runs from the last break (、 included) to the number; when what it holds ends in 等,
    /// the list before it, from `listStart` (the last break other than 、), is what is counted.
    func before(_ clause: Range<Int>, listStart: Int, in text: [Unicode.Scalar], trailing: ScalarPhraseSet<Bool>,
                keepsTrailingVerb: Bool) -> Range<Int>? {
        var lower = clause.lowerBound
        var upper = clause.upperBound
        let isList = upper > listStart && text[upper - 1] == "等"
        if isList {
            lower = listStart
            upper -= 1
        }
        while upper > lower {
            if !keepsTrailingVerb, let verb = verbs.match(endingAt: upper, in: text, floor: lower) {
                upper -= verb.length
            } else if let link = links.match(endingAt: upper, in: text, floor: lower) {
                upper -= link.length
            } else if let word = trailing.match(endingAt: upper, in: text, floor: lower) {
                upper -= word.length
            } else {
                break
            }
        }
        let titled = TitleMask(text: text, range: lower..<upper)
        if let share = titled.last(of: "占", in: lower..<upper, of: text) {
            upper = share
            while let found = links.match(endingAt: upper, in: text, floor: lower) ?? trailing.match(endingAt: upper, in: text, floor: lower) {
                upper -= found.length
            }
        }
        if !isList, let possessive = titled.last(of: "的", in: lower..<upper, of: text) {
            lower = possessive + 1
        }
        let lastItem = titled.last(of: "、", in: lower..<upper, of: text).map { $0 + 1 } ?? lower
        let firstItem = titled.first(of: "、", in: lower..<upper, of: text) ?? upper
        if let verbEnd = lastVerbEnd(in: lastItem..<upper, of: text, titled: titled)
            ?? lastVerbEnd(in: lower..<firstItem, of: text, titled: titled) {
            lower = verbEnd
        }
        lower = afterLeadingWords(lower, upper: upper, in: text)
        if upper - lower > Self.longestBefore, let title = (lower..<upper).last(where: { text[$0] == "》" }), title + 1 < upper {
            lower = title + 1
            if text[lower] == "等" { lower += 1 }
        }
        lower = max(lower, upper - Self.longestBefore)
        return lower < upper ? lower..<upper : nil
    }

    /// The end of the last verb that leaves something after it and stands outside a title.
    private func lastVerbEnd(in range: Range<Int>, of text: [Unicode.Scalar], titled: TitleMask) -> Int? {
        var start = range.upperBound - 1
        while start >= range.lowerBound {
            if !titled.contains(start), let length = verb(at: start, in: text, limit: range.upperBound), start + length < range.upperBound {
                return start + length
            }
            start -= 1
        }
        return nil
    }

    /// Past the time words, prepositions and a year (2020年) at the front of a phrase.
    private func afterLeadingWords(_ start: Int, upper: Int, in text: [Unicode.Scalar]) -> Int {
        var lower = start
        while lower < upper {
            if let word = leading.match(at: lower, in: text, limit: upper) {
                lower += word.length
            } else if text[lower] == " " {
                lower += 1
            } else if lower + 4 < upper, (lower..<lower + 4).allSatisfy({ NumberReader.isDigit(text[$0]) }), text[lower + 4] == "年" {
                lower += text[lower + 4..<upper].starts(with: "年度".unicodeScalars) ? 6 : 5
            } else {
                break
            }
        }
        return min(lower, upper)
    }
}

/// Which places of a stretch of text stand inside 《…》; a stretch without 《 needs no table.
struct TitleMask {
    private let inside: [Bool]?
    private let lower: Int

    init(text: [Unicode.Scalar], range: Range<Int>) {
        lower = range.lowerBound
        guard range.contains(where: { text[$0] == "《" }) else {
            inside = nil
            return
        }
        var depth = 0
        var inside = [Bool](repeating: false, count: range.count)
        for index in range {
            if text[index] == "《" { depth += 1 }
            inside[index - range.lowerBound] = depth > 0
            if text[index] == "》" { depth = max(0, depth - 1) }
        }
        self.inside = inside
    }

    func contains(_ index: Int) -> Bool { inside?[index - lower] ?? false }

    /// The last place of `scalar` in `range` of `text` outside a title.
    func last(of scalar: Unicode.Scalar, in range: Range<Int>, of text: [Unicode.Scalar]) -> Int? {
        var index = range.upperBound - 1
        while index >= range.lowerBound {
            if text[index] == scalar, !contains(index) { return index }
            index -= 1
        }
        return nil
    }

    /// The first place of `scalar` in `range` of `text` outside a title.
    func first(of scalar: Unicode.Scalar, in range: Range<Int>, of text: [Unicode.Scalar]) -> Int? {
        for index in range where text[index] == scalar && !contains(index) { return index }
        return nil
    }
}

/// The scalars that end a clause or a word for the metrics scan.
enum TextBreaks {
    /// ，。；：！？ and their ASCII forms, brackets, line ends and spaces; not 、 and not quotes.
    static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", "。", "；", "：", "！", "？", ",", ";", ":", "!", "?", "\n", "\r", "(", ")", "【", "】", "[", "]", " ", "\t", "　":
            true
        default:
            false
        }
    }

    /// Whether the scalar ends a sentence.
    static func isSentenceBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "。" || scalar == "！" || scalar == "？" || scalar == "\n" || scalar == "!" || scalar == "?"
    }

    /// Han characters and the quotes and dots that stand inside a name (“科技之冬”, 法治讲堂·逢九必讲).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x9FFF: true
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7, 0x30FB: true
        default: false
        }
    }
}
