import Foundation
import ReportKit

/// The archive entry's `report.html`: one self-contained page (no scripts, no network) a reviewer reads.
///
/// Outline from the section tree, the text with every metric and finding marked and linked from the side
/// lists, findings grouped by severity, the report it duplicates, metadata and provenance.
public enum ReportPage {
    public static let fileName = "report.html"

    /// The page for `document`; `duplicateHref` links the report it repeats when that one is archived.
    public static func render(_ document: Document, duplicateHref: String? = nil) -> String {
        markup(document, duplicateHref: duplicateHref).html
    }

    /// The page's UTF-8 bytes, as the archive writes them, without a round trip through `String`.
    public static func data(_ document: Document, duplicateHref: String? = nil) -> Data {
        Data(markup(document, duplicateHref: duplicateHref).bytes)
    }

    private static func markup(_ document: Document, duplicateHref: String?) -> Markup {
        // The text, escaped and marked, is most of the page; the side lists add about as much again.
        var page = Markup(reserving: document.text.utf8.count * 2 + (document.metrics.count + document.findings.count) * 300 + 16_384)
        let title = document.meta.title ?? document.source.name
        page.begin(title: title, style: PageStyle.css)
        header(document, title: title, into: &page)
        if let duplicate = document.duplicate {
            duplicateNotice(duplicate, href: duplicateHref, into: &page)
        }
        page.open("div", ["class": "layout"])
        outline(document.sections, into: &page)
        page.open("main")
        page.open("article", ["class": "text", "id": "text"])
        HighlightedText(document: document).write(into: &page)
        page.close("article")
        page.close("main")
        page.open("aside")
        metricList(document.metrics, into: &page)
        findingList(document.findings, into: &page)
        page.close("aside")
        page.close("div")
        footer(document, into: &page)
        page.end()
        return page
    }

    static let severityNames: [Finding.Severity: String] = [.error: "错误", .warning: "警告", .info: "提示"]
    static let kindNames: [Metric.Kind: String] = [.count: "数量", .money: "金额", .percent: "百分比", .growth: "增减", .ratio: "比例"]
    static let duplicateNames: [DuplicateReference.Kind: String] = [.exact: "与下列报告完全相同", .text: "与下列报告文字相同",
                                                                   .near: "与下列报告近似（重新报送或修改稿）"]

    private static func header(_ document: Document, title: String, into page: inout Markup) {
        page.open("header")
        page.element("h1", [:], title)
        let facts = [document.meta.issuer ?? "发布机构不详", document.meta.year.map { "\($0)年度" } ?? "年度不详",
                     document.meta.date ?? "日期不详"]
        page.element("p", ["class": "meta"], facts.joined(separator: " · "))
        page.element("p", ["class": "meta small"],
                     "\(document.metrics.count) 项数据 · \(document.findings.count) 条审查意见 · \(document.sections.flattened.count) 个章节")
        page.close("header")
    }

    private static func duplicateNotice(_ duplicate: DuplicateReference, href: String?, into page: inout Markup) {
        page.open("p", ["class": "notice", "id": "duplicate"])
        page.text((duplicateNames[duplicate.kind] ?? duplicate.kind.rawValue) + "：")
        page.link(duplicate.of ?? duplicate.original?.file ?? "-", href: href)
        page.text("（相似度 \(String(format: "%.2f", duplicate.similarity))）")
        page.close("p")
    }

    private static func outline(_ sections: [Section], into page: inout Markup) {
        page.open("nav", ["aria-label": "目录"])
        page.open("details", ["open": "open"])
        page.element("summary", [:], "目录")
        if sections.isEmpty {
            page.element("p", ["class": "small"], "未识别出标题")
        } else {
            var number = 0
            outlineLevel(sections, number: &number, into: &page)
        }
        page.close("details")
        page.close("nav")
    }

    /// Numbers sections depth first, as ``HighlightedText`` does, so `#s<n>` finds the heading.
    private static func outlineLevel(_ sections: [Section], number: inout Int, into page: inout Markup) {
        page.open("ol")
        for section in sections {
            page.open("li")
            page.link(section.marker + section.title, href: "#s\(number)")
            number += 1
            if !section.children.isEmpty { outlineLevel(section.children, number: &number, into: &page) }
            page.close("li")
        }
        page.close("ol")
    }

    private static func metricList(_ metrics: [Metric], into page: inout Markup) {
        page.open("section", ["id": "metrics"])
        page.open("details", ["open": "open"])
        page.element("summary", [:], "数据（\(metrics.count)）")
        if !metrics.isEmpty {
            page.open("ol")
            for (index, metric) in metrics.enumerated() {
                page.open("li")
                page.element("a", ["href": "#m\(index)"], metric.text)
                var facts = [kindNames[metric.kind] ?? metric.kind.rawValue,
                             HTMLText.number(metric.value) + (metric.unit ?? "")]
                if let counted = metric.counted { facts.append(counted) }
                if let qualifier = metric.qualifier { facts.append(qualifier) }
                page.element("span", ["class": "small"], " " + facts.joined(separator: " · "))
                if !metric.section.isEmpty {
                    page.void("br")
                    page.element("span", ["class": "rule"], metric.section.joined(separator: " › "))
                }
                page.close("li")
            }
            page.close("ol")
        }
        page.close("details")
        page.close("section")
    }

    private static func findingList(_ findings: [Finding], into page: inout Markup) {
        page.open("section", ["id": "findings"])
        page.open("details", ["open": "open"])
        page.element("summary", [:], "审查意见（\(findings.count)）")
        for severity in Finding.Severity.allCases {
            let group = findings.enumerated().filter { $0.element.severity == severity }
            guard !group.isEmpty else { continue }
            page.element("h3", ["id": "severity-\(severity.rawValue)"], "\(severityNames[severity] ?? severity.rawValue)（\(group.count)）")
            page.open("ol")
            for (index, finding) in group {
                page.open("li")
                page.element("span", ["class": "sev \(severity.rawValue)"], severityNames[severity] ?? severity.rawValue)
                page.text(" ")
                page.element("a", ["href": "#f\(index)"], finding.message)
                if !finding.excerpt.isEmpty {
                    page.text(" ")
                    page.element("q", [:], finding.excerpt)
                }
                page.text(" ")
                page.element("span", ["class": "rule"], finding.rule)
                page.close("li")
            }
            page.close("ol")
        }
        page.close("details")
        page.close("section")
    }

    private static func footer(_ document: Document, into page: inout Markup) {
        page.open("footer")
        page.element("h2", [:], "来源与处理记录")
        page.open("div", ["class": "scroll"])
        page.open("table")
        let source = document.source
        let rows: [(String, String)] = [
            ("编号", document.id), ("文件", source.name), ("格式", source.format), ("编码", source.encoding),
            ("字节", String(source.bytes)), ("接收时间", source.received), ("标题", document.meta.title ?? "—"),
            ("发布机构", document.meta.issuer ?? "—"), ("年度", document.meta.year.map(String.init) ?? "—"),
            ("日期", document.meta.date ?? "—"),
        ] + (document.tags.isEmpty ? [] : [("标签", document.tags.joined(separator: "，"))])
        for (label, value) in rows {
            page.open("tr")
            page.element("th", [:], label)
            page.element("td", [:], value)
            page.close("tr")
        }
        page.close("table")
        page.open("table", ["id": "provenance"])
        page.open("tr")
        page.element("th", [:], "步骤")
        page.element("th", [:], "版本")
        page.element("th", ["class": "n"], "毫秒")
        page.close("tr")
        for step in document.provenance {
            page.open("tr")
            page.element("td", [:], step.processor)
            page.element("td", [:], step.version)
            page.element("td", ["class": "n"], Milliseconds.text(of: step))
            page.close("tr")
        }
        page.close("table")
        page.close("div")
        page.close("footer")
    }
}

/// The report's text with each metric in a `<mark class="m">` and each finding underlined, properly nested.
///
/// The text is cut at every span boundary; each piece is wrapped in one element per metric and finding
/// covering it, so overlapping spans still nest. Every piece of metric `i` carries `data-m="i"` and the
/// first also `id="m<i>"` (findings: `data-f`, `f<i>`); a heading's start has an empty `id="s<n>"` anchor.
struct HighlightedText {
    /// The text's UTF-8 bytes, and where each scalar starts in them (spans count scalars), plus the end.
    let utf8: [UInt8]
    let scalarStarts: [Int]
    let document: Document

    init(document: Document) {
        self.document = document
        utf8 = Array(document.text.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(utf8.count + 1)
        for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        starts.append(utf8.count)
        scalarStarts = starts
    }

    private enum Kind { case metric, finding }

    private struct Item {
        var kind: Kind
        var index: Int
        var start: Int
        var end: Int
        var severity: String
    }

    func write(into page: inout Markup) {
        let count = scalarStarts.count - 1
        func clamp(_ span: Span) -> (Int, Int) {
            let start = min(max(0, span.start), count)
            return (start, min(max(start, span.end), count))
        }
        var items: [Item] = []
        var points: [Int: [(String, String)]] = [:]
        for (index, section) in document.sections.flattened.enumerated() {
            points[clamp(section.span).0, default: []].append(("s\(index)", "anchor"))
        }
        for (index, metric) in document.metrics.enumerated() {
            let (start, end) = clamp(metric.span)
            if start == end { points[start, default: []].append(("m\(index)", "point")) } else {
                items.append(Item(kind: .metric, index: index, start: start, end: end, severity: ""))
            }
        }
        for (index, finding) in document.findings.enumerated() {
            let (start, end) = clamp(finding.span)
            if start == end { points[start, default: []].append(("f\(index)", "point \(finding.severity.rawValue)")) } else {
                items.append(Item(kind: .finding, index: index, start: start, end: end, severity: finding.severity.rawValue))
            }
        }
        var boundaries = Set([0, count])
        for item in items { boundaries.insert(item.start); boundaries.insert(item.end) }
        for point in points.keys { boundaries.insert(point) }
        let cuts = boundaries.sorted()
        // Findings wrap metrics; within a kind, the lower index is outside.
        let byStart = items.sorted { ($0.start, $0.kind == .metric ? 1 : 0, $0.index) < ($1.start, $1.kind == .metric ? 1 : 0, $1.index) }
        var next = 0
        var active: [Item] = []
        var opened = Set<String>()
        for (position, cut) in cuts.enumerated() {
            for (id, className) in points[cut] ?? [] {
                page.open("span", ["id": id, "class": className])
                page.close("span")
            }
            guard position + 1 < cuts.count else { break }
            let end = cuts[position + 1]
            active.removeAll { $0.end <= cut }
            while next < byStart.count, byStart[next].start <= cut {
                if byStart[next].end > cut { active.append(byStart[next]) }
                next += 1
            }
            let wrappers = active.sorted { ($0.kind == .metric ? 1 : 0, $0.index) < ($1.kind == .metric ? 1 : 0, $1.index) }
            for item in wrappers {
                switch item.kind {
                case .finding:
                    let id = "f\(item.index)"
                    page.open("span", ["class": "f \(item.severity)", "data-f": String(item.index),
                                       "id": opened.insert(id).inserted ? id : nil,
                                       "title": document.findings[item.index].message])
                case .metric:
                    let id = "m\(item.index)"
                    let metric = document.metrics[item.index]
                    page.open("mark", ["class": "m", "data-m": String(item.index),
                                       "id": opened.insert(id).inserted ? id : nil,
                                       "title": (ReportPage.kindNames[metric.kind] ?? "") + " " + HTMLText.number(metric.value)
                                           + (metric.unit ?? "")])
                }
            }
            page.text(utf8: utf8[scalarStarts[cut]..<scalarStarts[end]])
            for item in wrappers.reversed() { page.close(item.kind == .metric ? "mark" : "span") }
        }
    }
}
