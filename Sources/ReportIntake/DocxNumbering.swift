import Foundation
import FoundationXML

/// The automatic list numbering of a .docx (numbering.xml, and the numbering paragraph styles carry), and
/// the label it gives each numbered paragraph in document order: `一、`, `（一）`, `1.` as Word shows them.
final class DocxNumbering {
    /// How one level of a list is numbered.
    private struct Level {
        var start = 1
        /// `decimal`, `chineseCounting`, `bullet`, … (the `w:numFmt` values).
        var format = "decimal"
        /// The label with `%1`…`%9` for the counts of levels 1–9, as in `%1、` or `（%2）`.
        var text = ""
        /// What follows the label: `tab`, `space` or `nothing`.
        var suffix = "tab"

        mutating func set(_ property: String, _ value: String) {
            switch property {
            case "start": start = Int(value) ?? start
            case "numFmt": format = value
            case "lvlText": text = value
            case "suff": suffix = value
            default: break
            }
        }
    }

    /// A list instance (`w:num`): which definition it uses and where it restarts.
    private struct Instance {
        var abstractId: String
        var startOverrides: [Int: Int] = [:]
    }

    /// The numbering a paragraph style carries.
    private struct StyleNumbering {
        var numId: String?
        var level: Int?
        var basedOn: String?
    }

    private var definitions: [String: [Int: Level]] = [:]
    private var instances: [String: Instance] = [:]
    private var styles: [String: StyleNumbering] = [:]
    /// The running count of each level of each list instance.
    private var counts: [String: [Int: Int]] = [:]

    init(numbering: Data?, styles stylesPart: Data?) {
        if let numbering { readNumbering(numbering) }
        if let stylesPart { readStyles(stylesPart) }
    }

    /// The label of a paragraph with these properties, counting it; nil when the paragraph is not numbered
    /// or is a bullet.
    func label(numId paragraphNumId: String?, level paragraphLevel: Int?, style: String?) -> String? {
        let fromStyle = style.flatMap(styleNumbering)
        guard let numId = paragraphNumId ?? fromStyle?.numId, numId != "0",
              let instance = instances[numId], let levels = definitions[instance.abstractId] else { return nil }
        let level = paragraphLevel ?? fromStyle?.level ?? 0
        guard let definition = levels[level], definition.format != "bullet" else { return nil }
        var count = counts[numId, default: [:]]
        let start = { (level: Int) in instance.startOverrides[level] ?? levels[level]?.start ?? 1 }
        count[level] = (count[level] ?? start(level) - 1) + 1
        for deeper in count.keys where deeper > level { count[deeper] = nil }
        counts[numId] = count

        var label = definition.text
        for placeholder in (0...8).reversed() where label.contains("%\(placeholder + 1)") {
            let value = count[placeholder] ?? start(placeholder)
            let format = levels[placeholder]?.format ?? "decimal"
            label = label.replacingOccurrences(of: "%\(placeholder + 1)", with: ListNumberFormat.text(value, format))
        }
        return label + suffix(after: label, definition.suffix)
    }

    /// Word's default tab after a label becomes nothing after punctuation (`一、`) and a space otherwise.
    private func suffix(after label: String, _ suffix: String) -> String {
        switch suffix {
        case "space": " "
        case "nothing": ""
        default: label.last.map { "、）).．:：".contains($0) } ?? true ? "" : " "
        }
    }

    /// The numbering of a style, following `basedOn` up to ten styles.
    private func styleNumbering(_ id: String) -> StyleNumbering? {
        var current: String? = id
        var found = StyleNumbering()
        for _ in 0..<10 {
            guard let name = current, let style = styles[name] else { break }
            found.numId = found.numId ?? style.numId
            found.level = found.level ?? style.level
            current = style.basedOn
        }
        return found.numId == nil ? nil : found
    }

    private func readNumbering(_ xml: Data) {
        var abstractId: String?
        var level: Int?
        var numId: String?
        var overrideLevel: Int?
        XMLElementWalk.walk(xml) { element in
            switch element.name {
            case "abstractNum":
                abstractId = element.attribute("abstractNumId")
                if let abstractId { self.definitions[abstractId] = [:] }
            case "lvl" where abstractId != nil && numId == nil:
                level = element.attribute("ilvl").flatMap { Int($0) }
                if let abstractId, let level { self.definitions[abstractId]?[level] = Level() }
            case "start", "numFmt", "lvlText", "suff":
                guard let abstractId, let level, let value = element.value else { break }
                self.definitions[abstractId]?[level]?.set(element.name, value)
            case "num":
                abstractId = nil
                numId = element.attribute("numId")
            case "abstractNumId":
                if let numId, let value = element.value { self.instances[numId] = Instance(abstractId: value) }
            case "lvlOverride":
                overrideLevel = element.attribute("ilvl").flatMap { Int($0) }
            case "startOverride":
                guard let numId, let overrideLevel, let start = element.value.flatMap({ Int($0) }) else { break }
                self.instances[numId]?.startOverrides[overrideLevel] = start
            default: break
            }
        } end: { name in
            if name == "abstractNum" { abstractId = nil }
            if name == "lvl" { level = nil }
            if name == "num" { numId = nil }
        }
    }

    private func readStyles(_ xml: Data) {
        var styleId: String?
        XMLElementWalk.walk(xml) { element in
            if element.name == "style" {
                styleId = element.attribute("styleId")
                if let styleId { self.styles[styleId] = StyleNumbering() }
            }
            guard let styleId else { return }
            switch element.name {
            case "basedOn": self.styles[styleId]?.basedOn = element.value
            case "numId": self.styles[styleId]?.numId = element.value
            case "ilvl": self.styles[styleId]?.level = element.value.flatMap { Int($0) }
            default: break
            }
        } end: { name in
            if name == "style" { styleId = nil }
        }
    }
}

/// A list count written the way a `w:numFmt` asks: 3 → `3`, `三`, `叁`, `丙`, `③`, `c`, `iii`.
enum ListNumberFormat {
    static func text(_ value: Int, _ format: String) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
             "ideographDigital":
            chinese(value, digits: Array("〇一二三四五六七八九"), ten: "十")
        case "chineseLegalSimplified": chinese(value, digits: Array("零壹贰叁肆伍陆柒捌玖"), ten: "拾")
        case "ideographTraditional": cycle(value, Array("甲乙丙丁戊己庚辛壬癸"))
        case "ideographZodiac": cycle(value, Array("子丑寅卯辰巳午未申酉戌亥"))
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese": enclosed(value, first: 0x2460, last: 20)
        case "decimalEnclosedParen": enclosed(value, first: 0x2474, last: 20)
        case "decimalEnclosedFullstop": enclosed(value, first: 0x2488, last: 20)
        case "decimalZero": value < 10 ? "0\(value)" : "\(value)"
        case "lowerLetter": letters(value, from: "a")
        case "upperLetter": letters(value, from: "A")
        case "lowerRoman": roman(value).lowercased()
        case "upperRoman": roman(value)
        case "none": ""
        default: "\(value)"
        }
    }

    /// 1–99 in Chinese numerals (十, 十一, 二十一); larger counts in Arabic digits.
    private static func chinese(_ value: Int, digits: [Character], ten: Character) -> String {
        guard (1...99).contains(value) else { return "\(value)" }
        if value < 10 { return String(digits[value]) }
        let tens = value < 20 ? "" : String(digits[value / 10])
        let ones = value % 10 == 0 ? "" : String(digits[value % 10])
        return tens + String(ten) + ones
    }

    private static func cycle(_ value: Int, _ symbols: [Character]) -> String {
        value >= 1 ? String(symbols[(value - 1) % symbols.count]) : "\(value)"
    }

    private static func enclosed(_ value: Int, first: UInt32, last: Int) -> String {
        guard (1...last).contains(value), let scalar = Unicode.Scalar(first + UInt32(value - 1)) else { return "\(value)" }
        return String(Character(scalar))
    }

    private static func letters(_ value: Int, from first: Unicode.Scalar) -> String {
        guard value >= 1 else { return "\(value)" }
        let letter = Character(Unicode.Scalar(first.value + UInt32((value - 1) % 26))!)
        return String(repeating: letter, count: (value - 1) / 26 + 1)
    }

    private static func roman(_ value: Int) -> String {
        guard (1...3999).contains(value) else { return "\(value)" }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = value
        var text = ""
        for (amount, symbol) in table {
            while rest >= amount { text += symbol; rest -= amount }
        }
        return text
    }
}

/// Walks an XML part element by element, by local name, for the small parts of a .docx.
enum XMLElementWalk {
    /// An element as it opens.
    struct Element {
        var name: String
        var attributes: [String: String]

        /// An attribute by local name, whether the parser keys it `w:val` or `val`.
        func attribute(_ local: String) -> String? {
            attributes[local] ?? attributes.first { $0.key.hasSuffix(":" + local) }?.value
        }

        /// The `w:val` attribute.
        var value: String? { attribute("val") }
    }

    static func walk(_ xml: Data, start: @escaping (Element) -> Void, end: @escaping (String) -> Void = { _ in }) {
        let visitor = Visitor(start: start, end: end)
        let parser = XMLParser(stream: InputStream(data: xml))
        parser.shouldProcessNamespaces = true
        parser.delegate = visitor
        _ = parser.parse()
    }

    private final class Visitor: NSObject, XMLParserDelegate {
        let start: (Element) -> Void
        let end: (String) -> Void

        init(start: @escaping (Element) -> Void, end: @escaping (String) -> Void) {
            self.start = start
            self.end = end
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            start(Element(name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            end(elementName)
        }
    }
}
