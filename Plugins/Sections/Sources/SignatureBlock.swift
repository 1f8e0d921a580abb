/// Finds the signature block that closes a report, an issuer line or two above a date line, so that
/// the last section stops before it; page furniture after the date (附件下载>>) is left out too.
struct SignatureBlock {
    let scalars: [Unicode.Scalar]

    /// How many short lines after the date are taken as page furniture.
    static let trailingLineLimit = 6
    /// How many short lines above the date are taken as the issuer.
    static let issuerLineLimit = 3
    /// The longest line that is taken as an issuer, a date or page furniture.
    static let shortLineLimit = 30

    /// The offset where the signature block starts, or nil when the report ends without one.
    func start(in lines: [TextLine]) -> Int? {
        var index = lines.count - 1
        var trailing = 0
        var dateIndex: Int?
        while index >= 0 {
            let line = lines[index]
            index -= 1
            if line.isBlank { continue }
            if isDate(line) {
                dateIndex = index + 1
                break
            }
            trailing += 1
            guard trailing <= Self.trailingLineLimit, isShortNonProse(line) else { return nil }
        }
        guard let dateIndex else { return nil }
        var start = lines[dateIndex].start
        var issuers = 0
        index = dateIndex - 1
        while index >= 0, issuers < Self.issuerLineLimit {
            let line = lines[index]
            index -= 1
            if line.isBlank { continue }
            guard isShortNonProse(line), !endsWithColon(line), !startsWithMarker(line) else { break }
            start = line.start
            issuers += 1
        }
        return start
    }

    private func isShortNonProse(_ line: TextLine) -> Bool {
        line.length <= Self.shortLineLimit
            && !(line.contentStart..<line.contentEnd).contains { ScalarClass.isProsePunctuation(scalars[$0]) }
    }

    /// A heading or an item that opens its line (`（三）强化宣传`, `三是强化宣传`) is body, however short.
    private func startsWithMarker(_ line: TextLine) -> Bool {
        let scanner = MarkerScanner(scalars: scalars)
        return scanner.numberedMarker(at: line.contentStart, limit: line.contentEnd) != nil
            || scanner.inlineMarker(at: line.contentStart, limit: line.contentEnd) != nil
    }

    private func endsWithColon(_ line: TextLine) -> Bool {
        ScalarClass.isColon(scalars[line.contentEnd - 1])
    }

    /// A short line ending with a date: `2021年2月23日`, `二〇二一年二月二十三日`, `2021年2月`,
    /// `2021-02-23`, `2021.2.23`, `2021/2/23`, blanks allowed, perhaps after the issuer (`某县司法局 2021年2月23日`).
    func isDate(_ line: TextLine) -> Bool {
        guard line.length <= Self.shortLineLimit else { return false }
        return (line.contentStart..<line.contentEnd).contains { start in
            var reader = DateReader(scalars: scalars, position: start, end: line.contentEnd)
            return reader.readDate() && reader.atEnd
        }
    }
}

/// Reads a date field by field, skipping blanks between them.
private struct DateReader {
    let scalars: [Unicode.Scalar]
    var position: Int
    let end: Int

    var atEnd: Bool {
        mutating get {
            skipBlanks()
            return position >= end
        }
    }

    mutating func readDate() -> Bool {
        let start = position
        if readArabicDate() { return true }
        position = start
        return readChineseDate()
    }

    private mutating func readArabicDate() -> Bool {
        guard count(where: { ScalarClass.digit($0) != nil }, min: 4, max: 4) else { return false }
        skipBlanks()
        guard position < end else { return false }
        let separator = ScalarClass.folded(scalars[position])
        if separator == "年" {
            position += 1
            return field(digits: true, unit: "月") && (atEnd || field(digits: true, unit: "日"))
        }
        guard separator == "-" || separator == "." || separator == "/" else { return false }
        position += 1
        guard count(where: { ScalarClass.digit($0) != nil }, min: 1, max: 2),
              expect(separator),
              count(where: { ScalarClass.digit($0) != nil }, min: 1, max: 2) else { return false }
        return true
    }

    private mutating func readChineseDate() -> Bool {
        let yearDigits: Set<Unicode.Scalar> = ["〇", "○", "零", "Ｏ", "O", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard count(where: { yearDigits.contains($0) }, min: 4, max: 4), expect("年") else { return false }
        return field(digits: false, unit: "月") && (atEnd || field(digits: false, unit: "日"))
    }

    private mutating func field(digits: Bool, unit: Unicode.Scalar) -> Bool {
        skipBlanks()
        let matches: (Unicode.Scalar) -> Bool = digits
            ? { ScalarClass.digit($0) != nil }
            : { ChineseNumeral.digit($0) != nil }
        return count(where: matches, min: 1, max: 3) && expect(unit)
    }

    private mutating func expect(_ scalar: Unicode.Scalar) -> Bool {
        skipBlanks()
        guard position < end, ScalarClass.folded(scalars[position]) == scalar else { return false }
        position += 1
        return true
    }

    private mutating func count(where matches: (Unicode.Scalar) -> Bool, min: Int, max: Int) -> Bool {
        let start = position
        while position < end, position - start < max, matches(scalars[position]) { position += 1 }
        return position - start >= min
    }

    private mutating func skipBlanks() {
        while position < end, ScalarClass.isBlank(scalars[position]) { position += 1 }
    }
}
