import AuditProcessor
import Foundation
import ReportKit
import ReportKitTesting

/// Reports written for these tests, and the means to give them the sections and metrics the earlier steps would.
enum AuditFixtures {
    /// config/audit.toml as shipped, as text to edit and compiled.
    static let shippedText: String = {
        do { return try ShippedTables.text("audit.toml") } catch { fatalError("config/audit.toml: \(error)") }
    }()
    static let shipped: AuditTable = {
        do { return try AuditTable(toml: shippedText) } catch { fatalError("config/audit.toml does not load: \(error)") }
    }()

    static let cleanTitle = "青禾县农业农村局2023年法治政府建设工作报告"

    /// A complete annual report with nothing a reviewer would mark.
    static let clean = """
    青禾县农业农村局2023年法治政府建设工作报告
    县人民政府：
    2023年，我局坚持依法行政，扎扎实实推进法治政府建设，现将有关情况报告如下。
    一、主要举措和成效
    (一)压实工作责任。局党组每季度专题研究法治建设，层层压实责任，全年召开专题会议4次，制定年度任务清单，明确责任股室和完成时限。
    (二)规范执法行为。全面落实行政执法“三项制度”，全年办理农资执法案件12件，案卷评查全部合格。组织干部学习《中华人民共和国行政处罚法》和《行政处罚法》释义，常常结合典型案例开展讨论。
    二、党政主要负责人履行推进法治建设第一责任人职责情况
    局主要负责人带头学习习近平法治思想，亲自部署重要工作，年终向县委报告履职情况。
    三、存在的不足及原因
    执法人员专业力量不足，基层普法形式比较单一。究其原因，主要是学习培训抓得不够经常，考核激励机制还不健全。
    四、2024年工作安排
    一是加强执法队伍建设；二是创新普法方式；三是健全考核机制。

    青禾县农业农村局
    2024年2月6日
    """

    static let cleanSections: [(heading: String, role: String)] = [
        ("一、主要举措和成效", "achievements"),
        ("二、党政主要负责人履行推进法治建设第一责任人职责情况", "first-responsible"),
        ("三、存在的不足及原因", "problems"),
        ("四、2024年工作安排", "next-steps"),
    ]

    static let cleanMeta = Metadata(issuer: "青禾县农业农村局", year: 2023, date: "2024-02-06", title: cleanTitle)

    /// A document of `text` with the metadata, sections and metrics given.
    static func document(_ text: String, meta: Metadata = Metadata(), sections: [Section] = [], metrics: [Metric] = []) -> Document {
        var document = EmbeddedPipeline.document(text)
        document.meta = meta
        document.sections = sections
        document.metrics = metrics
        return document
    }

    /// Top-level sections opened by each heading and running to the next one (the last to the signature or the end).
    static func sections(_ headings: [(heading: String, role: String)], in text: String) -> [Section] {
        let scalars = Array(text.unicodeScalars)
        let starts = headings.map { offset(of: $0.heading, in: text) }
        let end = offset(of: "\n\n", in: text, orEnd: true)
        return headings.enumerated().map { index, item in
            let start = starts[index]
            let stop = index + 1 < starts.count ? starts[index + 1] - 1 : min(end, scalars.count)
            let title = String(item.heading.drop { !"、".contains($0) }.dropFirst())
            return Section(level: 1, marker: String(item.heading.prefix { $0 != "、" }) + "、", number: index + 1,
                           title: title, span: Span(start, stop), role: item.role)
        }
    }

    /// A hand-made metric for the `occurrence`-th place `written` stands in `text`.
    static func metric(_ written: String, in text: String, value: Double, unit: String?, kind: Metric.Kind = .count,
                       approx: Bool = false, normalized: Double? = nil, counted: String? = nil, occurrence: Int = 0) -> Metric {
        let start = offset(of: written, in: text, occurrence: occurrence)
        return Metric(value: value, unit: unit, approx: approx, normalized: normalized, kind: kind, counted: counted,
                      span: Span(start, start + written.unicodeScalars.count), text: written)
    }

    /// The scalar offset of the `occurrence`-th `phrase` in `text`.
    static func offset(of phrase: String, in text: String, occurrence: Int = 0, orEnd: Bool = false) -> Int {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(phrase.unicodeScalars)
        var seen = 0
        if needle.count <= scalars.count {
            for index in 0...(scalars.count - needle.count) where Array(scalars[index..<index + needle.count]) == needle {
                if seen == occurrence { return index }
                seen += 1
            }
        }
        precondition(orEnd, "\(phrase) is not in the fixture")
        return scalars.count
    }

    static func findings(_ document: Document, table: AuditTable = shipped) -> [Finding] {
        ReportAuditor(table: table).audit(document)
    }

    /// The rule ids raised on `text` with nothing but the metadata given.
    static func rules(_ text: String, meta: Metadata = Metadata(), metrics: [Metric] = [], sections: [Section] = []) -> [String] {
        findings(document(text, meta: meta, sections: sections, metrics: metrics)).map(\.rule)
    }
}
