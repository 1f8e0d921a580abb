import MetricsProcessor
import ReportKitTesting
import Testing

@Suite("Chinese numerals")
struct ChineseNumeralTests {
    @Test("random numbers written in Chinese read back the same as a slow reader reads them")
    func againstSlowReader() {
        var random = SeededGenerator(seed: 0x5EED_2024)
        for _ in 0..<20_000 {
            let magnitude = Int.random(in: 0...11, using: &random)
            var upper = 1
            for _ in 0..<magnitude { upper *= 10 }
            let number = Int.random(in: 0..<(upper * 10), using: &random)
            let written = ChineseWriter.write(number, using: &random)
            let scalars = Array(written.unicodeScalars)
            let fast = ChineseNumeral.value(of: scalars)
            #expect(fast == number, "\(written): read \(fast.map(String.init) ?? "nil"), written from \(number)")
            #expect(SlowChineseReader.value(of: written) == number, "\(written): the slow reader disagrees")
            if fast != number { return }
        }
    }

    @Test("spoken shortcuts, digit strings and financial forms", arguments: [
        ("一百二", 120), ("两千三", 2300), ("一万二", 12_000), ("一百零五", 105), ("十", 10),
        ("二〇二一", 2021), ("一九九八", 1998), ("壹万贰仟", 12_000), ("三万亿", 3_000_000_000_000), ("百", 100),
    ])
    func shortcuts(written: String, value: Int) {
        #expect(ChineseNumeral.value(of: Array(written.unicodeScalars)) == value)
    }

    @Test("runs that are no number", arguments: ["二三十", "百千", "亿亿亿", "一亿万", "两万万", "三四", "五六七", "十四五六七八九十一二三四五六七八九十一"])
    func malformed(written: String) {
        #expect(ChineseNumeral.value(of: Array(written.unicodeScalars)) == nil)
    }
}

/// Writes a number the way reports do, choosing at random between 两 and 二 and whether to say 一十.
enum ChineseWriter {
    static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    static func write(_ number: Int, using random: inout SeededGenerator) -> String {
        guard number > 0 else { return "零" }
        let groups = [(number / 100_000_000, "亿"), (number / 10_000 % 10_000, "万"), (number % 10_000, "")]
        var text = ""
        var zeroPending = false
        for (group, name) in groups {
            if group == 0 {
                if !text.isEmpty { zeroPending = true }
                continue
            }
            if !text.isEmpty, zeroPending || group < 1000 { text += "零" }
            text += section(group, leading: text.isEmpty, using: &random) + name
            zeroPending = false
        }
        return text
    }

    private static func section(_ value: Int, leading: Bool, using random: inout SeededGenerator) -> String {
        let places: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var text = ""
        var zeroPending = false
        for (place, name) in places {
            let digit = value / place % 10
            if digit == 0 {
                if !text.isEmpty { zeroPending = true }
                continue
            }
            if zeroPending { text += "零" }
            zeroPending = false
            if place == 10, digit == 1, leading, text.isEmpty, Bool.random(using: &random) {
                text += "十"
                continue
            }
            let spoken = digit == 2 && place >= 100 && Bool.random(using: &random) ? "两" : String(digits[digit])
            text += spoken + name
        }
        return text
    }
}

/// Reads a Chinese numeral by splitting at its largest unit and recursing: slow, and written apart from the scanner's reader.
enum SlowChineseReader {
    static func value(of text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "两", with: "二")
        for (name, size) in [("亿", 100_000_000), ("万", 10_000)] {
            if let range = cleaned.range(of: name) {
                guard let high = sectionValue(String(cleaned[..<range.lowerBound])),
                      let low = value(of: String(cleaned[range.upperBound...])) else { return nil }
                return high * size + low
            }
        }
        return sectionValue(cleaned)
    }

    private static func sectionValue(_ text: String) -> Int? {
        var rest = text.replacingOccurrences(of: "零", with: "")
        if rest.isEmpty { return 0 }
        if rest.hasPrefix("十") { rest = "一" + rest }
        var total = 0
        for (name, size) in [("千", 1000), ("百", 100), ("十", 10)] {
            guard let range = rest.range(of: name) else { continue }
            guard let digit = ChineseWriter.digits.firstIndex(of: rest[rest.startIndex]), rest.distance(from: rest.startIndex, to: range.lowerBound) == 1 else {
                return nil
            }
            total += digit * size
            rest = String(rest[range.upperBound...])
        }
        if rest.isEmpty { return total }
        guard rest.count == 1, let digit = ChineseWriter.digits.firstIndex(of: rest.first!) else { return nil }
        return total + digit
    }
}
