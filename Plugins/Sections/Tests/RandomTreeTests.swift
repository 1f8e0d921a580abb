import ReportKit
import ReportKitTesting
import SectionsProcessor
import Testing

/// The part of a section the property compares: kind, level, number, title, anomaly kinds, children.
struct SectionShape: Equatable, CustomStringConvertible {
    var kind: Section.Kind
    var level: Int
    var number: Int?
    var title: String
    var anomalies: [SectionAnomaly.Kind] = []
    var children: [SectionShape] = []

    init(kind: Section.Kind, level: Int, number: Int?, title: String,
         anomalies: [SectionAnomaly.Kind] = [], children: [SectionShape] = []) {
        self.kind = kind
        self.level = level
        self.number = number
        self.title = title
        self.anomalies = anomalies
        self.children = children
    }

    init(_ section: Section) {
        self.init(kind: section.kind, level: section.level, number: section.number, title: section.title,
                  anomalies: section.anomalies.map(\.kind), children: section.children.map(SectionShape.init))
    }

    var description: String {
        let head = "\(String(repeating: "  ", count: level - 1))\(kind) \(number.map(String.init) ?? "-") \(title) \(anomalies)"
        return ([head] + children.map(\.description)).joined(separator: "\n")
    }
}

/// Writes random heading trees as report text in any of the styles a report uses, with cue
/// sections and nested highlight lists among the top level, and says which tree the text holds.
struct RandomReportWriter {
    var random: SeededGenerator
    private(set) var text = ""

    private static let verbs = ["加强", "健全", "深化", "推进", "落实", "规范", "提升", "完善", "强化", "优化"]
    private static let objects = ["组织领导", "制度建设", "执法监督", "普法宣传", "决策程序", "队伍建设",
                                  "权力运行", "矛盾化解", "政务公开", "合同管理", "审批服务", "考核评价"]
    private static let sentences = ["全年开展专项检查十二次", "各科室按季度报送进展情况", "局党组专题研究相关事项",
                                    "干部职工参与率达到百分之百", "相关做法得到上级肯定", "工作台账做到动态更新"]
    private static let issuers = ["某县司法局", "某市市场监督管理局", "某区人力资源和社会保障局"]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// Writes a whole report and returns the tree it should split into.
    mutating func report() -> [SectionShape] {
        if chance(0.5) { text += pick(["县人民政府：", "市委依法治市办:"]) + "\n" }
        if chance(0.7) { text += "2024年，我局坚持依法行政，" + pick(Self.sentences) + "。\n" }
        let topRank = chance(0.75) ? 1 : 2
        let tree = siblings(rank: topRank, level: 1, depth: 0)
        if chance(0.6) {
            text += String(repeating: "\n", count: Int.random(in: 0...2, using: &random))
            text += pick(Self.issuers) + "\n" + "2025年\(Int.random(in: 1...12, using: &random))月\(Int.random(in: 1...28, using: &random))日"
            text += String(repeating: "\n", count: Int.random(in: 0...3, using: &random))
        }
        return tree
    }

    private mutating func siblings(rank: Int, level: Int, depth: Int) -> [SectionShape] {
        (1...Int.random(in: 1...4, using: &random)).flatMap { number in
            guard depth == 0 else { return [heading(rank: rank, number: number, level: level, depth: depth)] }
            let top = chance(0.2) ? highlights(rank: rank, number: number) : heading(rank: rank, number: number, level: 1, depth: 0)
            return chance(0.3) ? [top, cue()] : [top]
        }
    }

    /// A top-level heading announcing highlights, with its sub-items numbered in its own style
    /// from 1 (三、工作亮点 一、二、); their count never equals its number, which would be ambiguous.
    private mutating func highlights(rank: Int, number: Int) -> SectionShape {
        text += marker(rank: rank, number: number) + "工作亮点\n"
        let count = [2, 3, 4].filter { $0 != number }.randomElement(using: &random)!
        let items = (1...count).map { item in
            let title = phrase()
            text += marker(rank: rank, number: item) + title + "。" + pick(Self.sentences) + "。\n"
            return SectionShape(kind: .heading, level: 2, number: item, title: title,
                                anomalies: item == 1 ? [.nestedSameLevel] : [])
        }
        return SectionShape(kind: .heading, level: 1, number: number, title: "工作亮点", children: items)
    }

    /// An unnumbered top-level section opened by a cue phrase, with inline items on its line.
    private mutating func cue() -> SectionShape {
        let sentence = pick(["对照上级要求，还存在一些问题和不足，主要表现在", "2025年，我局将重点做好以下工作", "但也存在一些不足"])
        text += sentence + pick(["：", ":"])
        let items = inlineItems(level: 1, family: .ordinal)
        text += "\n"
        return SectionShape(kind: .cue, level: 1, number: nil, title: sentence, children: items)
    }

    private mutating func heading(rank: Int, number: Int, level: Int, depth: Int) -> SectionShape {
        let title = phrase() + (chance(0.3) ? "，" + phrase() : "")
        text += marker(rank: rank, number: number) + title
        var items: [SectionShape] = []
        if chance(0.5) {
            text += "\n"
            if chance(0.6) { items = paragraph(level: level) }
        } else {
            text += "。" + pick(Self.sentences) + "。"
            items = chance(0.4) ? inlineItems(level: level, family: .ordinal) : []
            text += "\n"
        }
        var children: [SectionShape] = []
        if depth < 3, rank < 5, chance(0.5) {
            let skip = rank + 2 <= 5 && chance(0.15) ? 2 : 1
            children = siblings(rank: rank + skip, level: level + skip, depth: depth + 1)
            if skip > 1 { children[0].anomalies.append(.levelSkipped) }
        }
        return SectionShape(kind: .heading, level: level, number: number, title: title, children: items + children)
    }

    /// A body paragraph with, perhaps, inline items in it or opening its lines.
    private mutating func paragraph(level: Int) -> [SectionShape] {
        switch Int.random(in: 0...3, using: &random) {
        case 0:
            text += pick(Self.sentences) + "。\n"
            return []
        case 1:
            text += pick(Self.sentences) + "。"
            defer { text += "\n" }
            return inlineItems(level: level, family: .ordinal)
        case 2:
            return (1...Int.random(in: 2...3, using: &random)).map { number in
                let title = phrase()
                text += ordinal(number) + "是" + title + "。" + pick(Self.sentences) + "。\n"
                if chance(0.3) { text += pick(Self.sentences) + "。\n" }
                return SectionShape(kind: .inline, level: level + 1, number: number, title: title)
            }
        default:
            defer { text += "\n" }
            return inlineItems(level: level, family: .aspect)
        }
    }

    private enum Family { case ordinal, aspect }

    private mutating func inlineItems(level: Int, family: Family) -> [SectionShape] {
        switch family {
        case .ordinal:
            return (1...Int.random(in: 2...4, using: &random)).map { number in
                let title = phrase()
                text += ordinal(number) + "是" + title + pick(["；", ";", "。"])
                return SectionShape(kind: .inline, level: level + 1, number: number, title: title)
            }
        case .aspect:
            return [1, 2].map { number in
                let title = phrase()
                text += (number == 1 ? "一方面，" : "另一方面，") + title + "。"
                let inner = inlineItems(level: level + 1, family: .ordinal)
                return SectionShape(kind: .inline, level: level + 1, number: number, title: title, children: inner)
            }
        }
    }

    private mutating func marker(rank: Int, number: Int) -> String {
        let space = chance(0.2) ? pick([" ", "\u{3000}"]) : ""
        let digits = chance(0.3) ? fullWidth(String(number)) : String(number)
        switch rank {
        case 1:
            return ordinal(number) + "、" + space
        case 2:
            return pick(["（", "("]) + ordinal(number) + pick(["）", ")"]) + space
        case 3:
            return digits + pick([".", "、", "．"]) + space
        case 4:
            if chance(0.2) { return String(Unicode.Scalar(0x2473 + UInt32(number))!) }
            return pick(["（", "("]) + digits + pick(["）", ")"]) + space
        default:
            return String(Unicode.Scalar(0x245F + UInt32(number))!) + space
        }
    }

    private func ordinal(_ number: Int) -> String {
        let names = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        return number < 10 ? names[number] : "十" + names[number - 10]
    }

    private func fullWidth(_ digits: String) -> String {
        String(String.UnicodeScalarView(digits.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
    }

    private mutating func phrase() -> String { pick(Self.verbs) + pick(Self.objects) }

    private mutating func pick(_ choices: [String]) -> String { choices.randomElement(using: &random)! }

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
}

@Suite("Random heading trees")
struct RandomTreeTests {
    @Test("the splitter gives back the tree the text was written from", arguments: 0..<400)
    func roundTrip(seed: UInt64) {
        var writer = RandomReportWriter(seed: seed)
        let expected = writer.report()
        let sections = ShippedSplitter.split(writer.text)
        let actual = sections.map(SectionShape.init)
        #expect(actual == expected, "seed \(seed)\n\(writer.text)\nexpected:\n\(expected.map(\.description).joined(separator: "\n"))\nfound:\n\(actual.map(\.description).joined(separator: "\n"))")
        let signatureFree = sections.last.map { !ScalarText(writer.text)[$0.span].contains("局\n20") } ?? true
        #expect(signatureFree, "seed \(seed): the last section runs into the signature")
    }
}
