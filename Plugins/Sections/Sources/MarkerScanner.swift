/// The numbering styles of GB/T 9704-2012 headings and their common variants, in the standard's order.
enum MarkerStyle: Int, Hashable, CaseIterable, Sendable {
    /// `一、`
    case chineseEnumeration = 1
    /// `（一）` `(一)`
    case chineseParenthesized
    /// `1.` `1、` `1．` `⒈`
    case arabicEnumeration
    /// `（1）` `(1)` `1）` `⑴`
    case arabicParenthesized
    /// `①`
    case circled

    /// The level the standard gives the style: 一、 is 1, （一） 2, 1. 3, （1） 4.
    var standardRank: Int { rawValue }
}

/// A numbered heading marker at the start of a line.
struct NumberedMarker: Equatable {
    var style: MarkerStyle
    var number: Int
    var start: Int
    /// One past the marker's last scalar.
    var end: Int
}

/// The two kinds of inline item a paragraph enumerates with.
enum InlineFamily: Hashable, Sendable {
    /// `一是…二是…`
    case ordinal
    /// `一方面…另一方面…`
    case aspect
}

/// An inline item marker inside a paragraph.
struct InlineMarker: Equatable {
    var family: InlineFamily
    var number: Int
    var start: Int
    var end: Int
}

/// Reads heading markers (`一、` `（一）` `1.` `（1）` `①` `⑴`) and inline item markers (`一是` `一方面`) in the text.
struct MarkerScanner {
    let scalars: [Unicode.Scalar]

    static let largestNumber = 99

    /// The numbered marker starting exactly at `start`, not reaching past `limit`.
    func numberedMarker(at start: Int, limit: Int) -> NumberedMarker? {
        guard start < limit else { return nil }
        let first = scalars[start]
        let value = first.value
        if (0x2460...0x2473).contains(value) {
            return NumberedMarker(style: .circled, number: Int(value - 0x245F), start: start, end: start + 1)
        }
        if (0x2474...0x2487).contains(value) {
            return NumberedMarker(style: .arabicParenthesized, number: Int(value - 0x2473), start: start, end: start + 1)
        }
        if (0x2488...0x249B).contains(value) {
            return NumberedMarker(style: .arabicEnumeration, number: Int(value - 0x2487), start: start, end: start + 1)
        }
        if ScalarClass.folded(first) == "(" {
            return parenthesized(from: start, limit: limit)
        }
        if let (number, end) = chineseNumber(from: start, limit: limit, maxLength: 3), end < limit,
           isEnumerationMark(at: end, limit: limit) {
            return NumberedMarker(style: .chineseEnumeration, number: number, start: start, end: end + 1)
        }
        if let (number, end) = arabicNumber(from: start, limit: limit), end < limit {
            if isEnumerationMark(at: end, limit: limit) {
                return NumberedMarker(style: .arabicEnumeration, number: number, start: start, end: end + 1)
            }
            if ScalarClass.folded(scalars[end]) == ")" {
                return NumberedMarker(style: .arabicParenthesized, number: number, start: start, end: end + 1)
            }
        }
        return nil
    }

    /// Every inline item marker in `range` that opens a clause (at `clauseStart` or after punctuation).
    func inlineMarkers(in range: Range<Int>, clauseStart: Int) -> [InlineMarker] {
        var markers: [InlineMarker] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let opensClause = position == clauseStart || (position > 0 && ScalarClass.isClauseBoundary(scalars[position - 1]))
            if opensClause, let marker = inlineMarker(at: position, limit: range.upperBound) {
                markers.append(marker)
                position = marker.end
            } else {
                position += 1
            }
        }
        return markers
    }

    /// The inline marker starting exactly at `start`.
    func inlineMarker(at start: Int, limit: Int) -> InlineMarker? {
        if matches("另一方面", at: start, limit: limit) {
            return InlineMarker(family: .aspect, number: 2, start: start, end: start + 4)
        }
        if matches("一方面", at: start, limit: limit) {
            return InlineMarker(family: .aspect, number: 1, start: start, end: start + 3)
        }
        guard let (number, end) = chineseNumber(from: start, limit: limit, maxLength: 3),
              end < limit, scalars[end] == "是" else { return nil }
        return InlineMarker(family: .ordinal, number: number, start: start, end: end + 1)
    }

    private func parenthesized(from start: Int, limit: Int) -> NumberedMarker? {
        let inner = start + 1
        let style: MarkerStyle
        let parsed: (Int, Int)?
        if let chinese = chineseNumber(from: inner, limit: limit, maxLength: 3) {
            style = .chineseParenthesized
            parsed = chinese
        } else {
            style = .arabicParenthesized
            parsed = arabicNumber(from: inner, limit: limit)
        }
        guard let (number, close) = parsed, close < limit, ScalarClass.folded(scalars[close]) == ")" else { return nil }
        var end = close + 1
        if end < limit, scalars[end] == "、" { end += 1 }
        return NumberedMarker(style: style, number: number, start: start, end: end)
    }

    /// `、`, `．`, or `.` not followed by a digit (so 1.5万元 and 2023.12 are not markers) unless
    /// the digits are a year (1.2024年工作要点).
    private func isEnumerationMark(at position: Int, limit: Int) -> Bool {
        let mark = scalars[position]
        if mark == "、" { return true }
        guard ScalarClass.folded(mark) == "." else { return false }
        return position + 1 >= limit || ScalarClass.digit(scalars[position + 1]) == nil
            || startsWithYear(at: position + 1, limit: limit)
    }

    private func startsWithYear(at start: Int, limit: Int) -> Bool {
        guard start + 4 < limit, scalars[start + 4] == "年" else { return false }
        return (start..<start + 4).allSatisfy { ScalarClass.digit(scalars[$0]) != nil }
    }

    private func chineseNumber(from start: Int, limit: Int, maxLength: Int) -> (Int, Int)? {
        var end = start
        while end < limit, end - start <= maxLength, ChineseNumeral.digit(scalars[end]) != nil { end += 1 }
        guard end > start, end - start <= maxLength,
              let number = ChineseNumeral.value(of: scalars[start..<end]) else { return nil }
        return (number, end)
    }

    private func arabicNumber(from start: Int, limit: Int) -> (Int, Int)? {
        var end = start
        var number = 0
        while end < limit, let digit = ScalarClass.digit(scalars[end]) {
            number = number * 10 + digit
            end += 1
            if end - start > 2 { return nil }
        }
        guard end > start, (1...Self.largestNumber).contains(number) else { return nil }
        return (number, end)
    }

    private func matches(_ word: String, at start: Int, limit: Int) -> Bool {
        var position = start
        for scalar in word.unicodeScalars {
            guard position < limit, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }
}
