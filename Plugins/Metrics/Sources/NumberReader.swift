/// A number read at one place of the text, with every place its unit may begin.
struct NumberToken: Sendable {
    /// One way to read the number: the unit begins at `unitStart` and the number has `value` up to there.
    struct Reading: Sendable {
        let unitStart: Int
        let value: ExactDecimal
        /// The power of ten the trailing 百/千/万/亿 of this reading multiplied in (4 for 4.5万).
        let scale: Int
    }

    let start: Int
    /// After the last digit, numeral or multiplier.
    let end: Int
    let isChinese: Bool
    /// The reading up to the last digit; for a number without a trailing 万/亿 the only one.
    private let first: Reading
    /// The readings past each trailing multiplier, in order; empty (and unallocated) for most numbers.
    private let further: [Reading]

    /// Written as a whole number of four digits or numerals with nothing after them (2024, 二〇二一): a year before 年.
    let couldBeYear: Bool
    /// A single Chinese numeral standing alone (一, 百).
    var isLoneNumeral: Bool { isChinese && end - start == 1 }

    init<Readings: Collection<Reading>>(start: Int, end: Int, isChinese: Bool, readings: Readings, couldBeYear: Bool) {
        self.start = start
        self.end = end
        self.isChinese = isChinese
        self.couldBeYear = couldBeYear
        first = readings.first!
        further = readings.count > 1 ? Array(readings.dropFirst()) : []
    }

    /// How many readings there are: 5200万元 has two, 5200 before 万元 and 52000000 before 元.
    var readingCount: Int { further.count + 1 }

    /// The readings shortest first.
    func reading(_ index: Int) -> Reading { index == 0 ? first : further[index - 1] }

    /// The value with every multiplier read in.
    var value: ExactDecimal { further.last?.value ?? first.value }
}

/// Reads Arabic numbers (1,200 and 92.86), Chinese numerals (两千三百) and the two mixed (4.5万, 6.48亿).
enum NumberReader {
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value &- 48 < 10 }

    static func startsNumber(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ChineseNumeral.isNumeral(scalar)
    }

    /// The scalars that may start a number, as a bitmap over the Basic Multilingual Plane.
    static let numberStarts: NumberStarts = NumberStarts()

    /// The number that starts at `start`, or nil when none does or the numerals there form no number.
    static func read(at start: Int, in text: [Unicode.Scalar]) -> NumberToken? {
        isDigit(text[start]) ? readArabic(at: start, in: text) : readChinese(at: start, in: text)
    }

    private static func readArabic(at start: Int, in text: [Unicode.Scalar]) -> NumberToken? {
        var index = start
        var mantissa = 0
        var exponent = 0
        var digits = 0
        func takeDigit() -> Bool {
            guard digits < 17 else { return false }
            mantissa = mantissa * 10 + Int(text[index].value - 48)
            digits += 1
            index += 1
            return true
        }
        while index < text.count, isDigit(text[index]) {
            guard takeDigit() else { return nil }
        }
        while index + 3 < text.count, digits <= 15, text[index] == ",",
              isDigit(text[index + 1]), isDigit(text[index + 2]), isDigit(text[index + 3]),
              index + 4 == text.count || !isDigit(text[index + 4]), index - start <= 11 {
            index += 1
            for _ in 0..<3 { _ = takeDigit() }
        }
        let whole = index - start
        if index + 1 < text.count, text[index] == ".", isDigit(text[index + 1]) {
            index += 1
            while index < text.count, isDigit(text[index]) {
                guard takeDigit() else { return nil }
                exponent -= 1
            }
        }
        var value = ExactDecimal(mantissa: mantissa, exponent: exponent)
        let plain = NumberToken.Reading(unitStart: index, value: value, scale: 0)
        guard index < text.count, let factor = ChineseNumeral.multiplier(text[index]), factor >= 100 else {
            let couldBeYear = exponent == 0 && whole == 4 && digits == 4
            return NumberToken(start: start, end: index, isChinese: false, readings: CollectionOfOne(plain), couldBeYear: couldBeYear)
        }
        var readings = [plain]
        var multipliers = 0
        var scale = 0
        while index < text.count, multipliers < 3, let factor = ChineseNumeral.multiplier(text[index]), factor >= 100 {
            let power = powerOfTen(factor)
            value = value.timesPowerOfTen(power)
            scale += power
            index += 1
            multipliers += 1
            readings.append(NumberToken.Reading(unitStart: index, value: value, scale: scale))
        }
        let couldBeYear = exponent == 0 && multipliers == 0 && whole == 4 && digits == 4
        return NumberToken(start: start, end: index, isChinese: false, readings: readings, couldBeYear: couldBeYear)
    }

    private static func powerOfTen(_ factor: Int) -> Int {
        var power = 0
        var rest = factor
        while rest >= 10 { rest /= 10; power += 1 }
        return power
    }

    private static func readChinese(at start: Int, in text: [Unicode.Scalar]) -> NumberToken? {
        var end = start
        while end < text.count, end - start < 24, ChineseNumeral.isNumeral(text[end]) { end += 1 }
        let run = text[start..<end]
        guard let full = ChineseNumeral.value(of: run) else { return nil }
        var split = end
        while split > start + 1, text[split - 1] == "万" || text[split - 1] == "亿" { split -= 1 }
        let couldBeYear = end - start == 4 && run.allSatisfy { ChineseNumeral.digit($0) != nil }
        if split == end {
            let only = NumberToken.Reading(unitStart: end, value: ExactDecimal(mantissa: full), scale: 0)
            return NumberToken(start: start, end: end, isChinese: true, readings: CollectionOfOne(only), couldBeYear: couldBeYear)
        }
        var readings: [NumberToken.Reading] = []
        for cut in split..<end {
            if let value = ChineseNumeral.value(of: text[start..<cut]) {
                let scale = text[split..<cut].reduce(0) { $0 + powerOfTen(ChineseNumeral.multiplier($1)!) }
                readings.append(.init(unitStart: cut, value: ExactDecimal(mantissa: value), scale: scale))
            }
        }
        let fullScale = text[split..<end].reduce(0) { $0 + powerOfTen(ChineseNumeral.multiplier($1)!) }
        readings.append(.init(unitStart: end, value: ExactDecimal(mantissa: full), scale: fullScale))
        return NumberToken(start: start, end: end, isChinese: true, readings: readings, couldBeYear: couldBeYear)
    }
}

/// Which scalars of the Basic Multilingual Plane start a number: one bit test per scalar of the text.
struct NumberStarts: Sendable {
    private let bits: [UInt64]

    init() {
        var bits = [UInt64](repeating: 0, count: 1024)
        for value in UInt32(0)..<65536 {
            if let scalar = Unicode.Scalar(value), NumberReader.startsNumber(scalar) { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        }
        self.bits = bits
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 65536 && bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }
}
