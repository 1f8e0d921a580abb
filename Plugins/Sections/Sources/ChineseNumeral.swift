/// Chinese numerals as markers write them: 一 … 九十九.
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
        case 2 where digits[0] < 10 && digits[0] > 1 && digits[1] == 10: return digits[0] * 10
        case 3 where digits[0] < 10 && digits[0] > 1 && digits[1] == 10 && digits[2] < 10: return digits[0] * 10 + digits[2]
        default: return nil
        }
    }
}
