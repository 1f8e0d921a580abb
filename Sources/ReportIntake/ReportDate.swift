/// Dates as reports and web pages write them, read into `YYYY-MM-DD`: `2022年12月20日`,
/// `二〇二二年十二月二十日`, `2022-12-20`, `2022/12/20`, `2022.12.20`, a time after a space allowed.
enum ReportDate {
    /// The date that is the whole of `text`, spaces aside; nil when `text` is anything more or not a real date.
    static func whole(_ text: String) -> String? {
        // The longest it reads, 二〇二二年十二月三十一日 with a time, is 47 bytes besides its spaces:
        // a longer line is turned away before it is split into characters.
        guard text.utf8.count <= 64
                || text.utf8.lazy.filter({ $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }).count <= 64 else { return nil }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !tokens.isEmpty else { return nil }
        if let date = parse(Array(tokens.joined())) { return date }
        guard tokens.count > 1, isTime(String(tokens[tokens.count - 1])) else { return nil }
        return parse(Array(tokens.dropLast().joined()))
    }

    /// A date ending `text` after a space, and what comes before it: `蒙自市科学技术局 2022年12月20日`.
    static func trailing(_ text: String) -> (date: String, before: String)? {
        guard let space = text.lastIndex(where: { $0 == " " || $0 == "\t" }),
              let date = whole(String(text[text.index(after: space)...])) else { return nil }
        return (date, String(text[..<space].trimmingBlanks))
    }

    /// `12:05` or `12:05:33`.
    static func isTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count)
            && parts.allSatisfy { (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// A year written `YYYY年` (Arabic, 1900–2099, or four Chinese digits such as 二〇二二) in running text.
    struct YearMention {
        var year: Int
        /// Whether the year opens the text.
        var opensText: Bool
        /// The character after 年: 度 in `2022年度`, a digit in `2022年3月`.
        var next: Character?
    }

    /// Every `YYYY年` in `text`, in order.
    static func years(in text: String) -> [YearMention] {
        let characters = Array(text)
        var mentions: [YearMention] = []
        var index = 0
        while index + 4 < characters.count {
            if characters[index + 4] == "年", let year = year(characters[index..<index + 4]),
               index == 0 || digit(characters[index - 1]) == nil {
                mentions.append(YearMention(year: year, opensText: index == 0,
                                            next: index + 5 < characters.count ? characters[index + 5] : nil))
                index += 5
            } else {
                index += 1
            }
        }
        return mentions
    }

    private static func parse(_ characters: [Character]) -> String? {
        if let date = parseChinese(characters) { return date }
        return parseNumeric(characters)
    }

    /// `YYYY年M月D日`, each part in Arabic or Chinese numerals.
    private static func parseChinese(_ characters: [Character]) -> String? {
        guard characters.count >= 8, characters[4] == "年", characters.last == "日",
              let year = year(characters[0..<4]),
              let monthMark = characters.firstIndex(of: "月"), monthMark > 5,
              let month = smallNumber(characters[5..<monthMark]),
              let day = smallNumber(characters[(monthMark + 1)..<(characters.count - 1)]) else { return nil }
        return format(year, month, day)
    }

    /// `YYYY-MM-DD` with `-`, `/` or `.` between the parts.
    private static func parseNumeric(_ characters: [Character]) -> String? {
        let parts = characters.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4, let year = year(parts[0]),
              (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              characters.filter({ $0 == "-" || $0 == "/" || $0 == "." }).count == 2,
              let month = arabic(parts[1]), let day = arabic(parts[2]) else { return nil }
        return format(year, month, day)
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String? {
        guard (1...12).contains(month), (1...daysIn(month, of: year)).contains(day) else { return nil }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Four digits, Arabic or Chinese, making a year from 1900 to 2099.
    private static func year(_ characters: ArraySlice<Character>) -> Int? {
        guard characters.count == 4 else { return nil }
        var value = 0
        for character in characters {
            guard let digit = digit(character) else { return nil }
            value = value * 10 + digit
        }
        return (1900...2099).contains(value) ? value : nil
    }

    private static func arabic(_ characters: ArraySlice<Character>) -> Int? {
        guard !characters.isEmpty, characters.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(String(characters))
    }

    /// 1–2 Arabic digits, or a Chinese number up to 三十一 (十, 十二, 二十, 二十三).
    private static func smallNumber(_ characters: ArraySlice<Character>) -> Int? {
        if let value = arabic(characters), characters.count <= 2 { return value }
        guard let ten = characters.firstIndex(of: "十") else {
            guard characters.count == 1, let first = characters.first else { return nil }
            return chineseDigits[first]
        }
        let tensPart = characters[characters.startIndex..<ten], onesPart = characters[(ten + 1)...]
        guard tensPart.count <= 1, onesPart.count <= 1 else { return nil }
        let tens = tensPart.first.flatMap { chineseDigits[$0] } ?? (tensPart.isEmpty ? 1 : nil)
        let ones = onesPart.first.flatMap { chineseDigits[$0] } ?? (onesPart.isEmpty ? 0 : nil)
        guard let tens, let ones else { return nil }
        return tens * 10 + ones
    }

    private static func digit(_ character: Character) -> Int? {
        if character.isASCII, let value = character.wholeNumberValue { return value }
        return chineseDigits[character]
    }

    private static let chineseDigits: [Character: Int] = [
        "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
}
