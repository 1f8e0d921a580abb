import ReportKit

/// Splits a report into its numbered headings: `一、` at level 1 and `（一）` at level 2.
///
/// A first version: headings are recognised at the start of a line only, and a heading that runs
/// on into its paragraph ends at the first `。`.
public struct SectionSplitter: Processor {
    public static let name = "sections"
    public static let version = "0.1.0"

    public init() {}

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        document.sections = Self.split(ScalarText(document.text))
        return .proceed
    }

    /// A heading found on a line, before nesting.
    struct Heading {
        var level: Int
        var marker: String
        var number: Int
        var title: String
        var start: Int
    }

    static func split(_ text: ScalarText) -> [Section] {
        let headings = findHeadings(text.scalars)
        return nest(headings[...], level: 1, end: text.count)
    }

    static func findHeadings(_ scalars: [Unicode.Scalar]) -> [Heading] {
        var headings: [Heading] = []
        var lineStart = 0
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            var position = lineStart
            while position < lineEnd, isBlank(scalars[position]) { position += 1 }
            if let heading = heading(in: scalars, at: position, lineEnd: lineEnd) {
                headings.append(heading)
            }
            lineStart = lineEnd + 1
        }
        return headings
    }

    static func heading(in scalars: [Unicode.Scalar], at start: Int, lineEnd: Int) -> Heading? {
        var position = start
        var level = 1
        var opened = false
        if position < lineEnd, scalars[position] == "(" || scalars[position] == "（" {
            opened = true
            level = 2
            position += 1
        }
        let digitsStart = position
        while position < lineEnd, ChineseNumeral.digit(scalars[position]) != nil { position += 1 }
        guard position > digitsStart, position < lineEnd,
              let number = ChineseNumeral.value(of: scalars[digitsStart..<position]) else { return nil }
        if opened {
            guard scalars[position] == ")" || scalars[position] == "）" else { return nil }
        } else {
            guard scalars[position] == "、" else { return nil }
        }
        position += 1
        let markerEnd = position
        while position < lineEnd, isBlank(scalars[position]) { position += 1 }
        let titleStart = position
        while position < lineEnd, scalars[position] != "。" { position += 1 }
        guard position > titleStart else { return nil }
        return Heading(level: level, marker: string(scalars[start..<markerEnd]), number: number,
                       title: string(scalars[titleStart..<position]), start: start)
    }

    static func nest(_ headings: ArraySlice<Heading>, level: Int, end: Int) -> [Section] {
        var sections: [Section] = []
        var index = headings.startIndex
        while index < headings.endIndex {
            let heading = headings[index]
            var next = index + 1
            while next < headings.endIndex, headings[next].level > heading.level { next += 1 }
            let sectionEnd = next < headings.endIndex ? headings[next].start : end
            let children = nest(headings[(index + 1)..<next], level: level + 1, end: sectionEnd)
            sections.append(Section(level: heading.level, marker: heading.marker, number: heading.number,
                                    title: heading.title, span: Span(heading.start, sectionEnd), children: children))
            index = next
        }
        return sections
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{3000}"
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

/// Chinese numerals as heading markers write them: 一 … 九十九.
enum ChineseNumeral {
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        case "十": 10
        default: nil
        }
    }

    /// 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; nil for anything else.
    static func value(of scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        let digits = scalars.compactMap(digit)
        guard digits.count == scalars.count else { return nil }
        switch digits.count {
        case 1: return digits[0]
        case 2 where digits[0] == 10 && digits[1] < 10: return 10 + digits[1]
        case 2 where digits[0] < 10 && digits[1] == 10: return digits[0] * 10
        case 3 where digits[0] < 10 && digits[1] == 10 && digits[2] < 10: return digits[0] * 10 + digits[2]
        default: return nil
        }
    }
}
