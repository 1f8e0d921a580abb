/// Chinese numerals read as whole numbers: 十四, 两千三百, 一百零五, 一万二, 二〇二一, 壹万贰仟.
public enum ChineseNumeral {
    /// 〇 … 九 with 两 and the financial forms; nil for anything else.
    public static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "零": 0
        case "一", "壹", "幺": 1
        case "二", "两", "贰": 2
        case "三", "叁": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    /// 十 百 千 万 亿 and their financial forms as powers of ten; nil for anything else.
    public static func multiplier(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": 10
        case "百", "佰": 100
        case "千", "仟": 1000
        case "万", "萬": 10_000
        case "亿": 100_000_000
        default: nil
        }
    }

    public static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        digit(scalar) != nil || multiplier(scalar) != nil
    }

    /// The value of a whole run of numerals, or nil when the run is no well-formed number.
    ///
    /// Digits without multipliers are read place by place (二〇二一 → 2021) when there are four of
    /// them or a 〇 among them, and are no number otherwise (三四次); a digit that
    /// follows a multiplier without a 零 counts one place below it (一百二 → 120, 一万二 → 12000).
    public static func value<C: Collection>(of scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 24 else { return nil }
        if scalars.allSatisfy({ digit($0) != nil }) {
            if scalars.count == 1 { return digit(scalars.first!) }
            // 三四次, 五六个: two or three digits in a row are a rough count, not a number.
            guard scalars.count >= 4 || scalars.contains(where: { digit($0) == 0 }) else { return nil }
            return scalars.reduce(0) { $0 * 10 + digit($1)! }
        }
        var total = 0
        var section = 0
        var pending: Int?
        var sectionMultiplier = Int.max
        var lastMultiplier = 0
        var zeroSeen = false
        for scalar in scalars {
            if let value = digit(scalar) {
                if value == 0 {
                    guard pending == nil else { return nil }
                    zeroSeen = true
                    continue
                }
                guard pending == nil else { return nil }
                pending = value
            } else if let factor = multiplier(scalar) {
                if factor >= 10_000 {
                    let sectionValue = section + (pending ?? 0)
                    if factor == 100_000_000 {
                        let base = max(total + sectionValue, 1)
                        guard base < factor else { return nil }
                        total = base * factor
                    } else if sectionValue == 0 {
                        guard total == 0 else { return nil }
                        total = factor
                    } else {
                        total += sectionValue * factor
                    }
                    section = 0
                    sectionMultiplier = Int.max
                } else {
                    guard factor < sectionMultiplier else { return nil }
                    section += (pending ?? 1) * factor
                    sectionMultiplier = factor
                }
                pending = nil
                zeroSeen = false
                lastMultiplier = factor
            } else {
                return nil
            }
        }
        if let digit = pending {
            if !zeroSeen, lastMultiplier >= 100 {
                section += digit * lastMultiplier / 10
            } else {
                section += digit
            }
        }
        return total + section
    }
}
