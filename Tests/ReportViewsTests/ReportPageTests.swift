import Foundation
import ReportKit
import ReportKitTesting
import ReportViews
import Testing

@Suite struct ReportPageTests {
    /// A report whose text carries markup, ampersands and both quotes, with overlapping metrics and findings.
    static func hostileDocument() -> Document {
        let text = """
        某市司法局2023年法治政府建设年度报告
        一、主要举措
        全年办理行政复议案件<script>alert(1)</script>共126件，"纠错率"达12.5%，'R&D'经费投入3.2亿元。
        (一)普法宣传
        开展"送法下乡"活动48场次，覆盖群众约1.5万人次。
        二、存在的问题
        部分单位<b>重视不够</b>。
        """
        let scalars = ScalarText(text)
        func span(of needle: String, after start: Int = 0) -> Span {
            let all = scalars.scalars
            let target = Array(needle.unicodeScalars)
            for index in start...(all.count - target.count) where Array(all[index..<(index + target.count)]) == target {
                return Span(index, index + target.count)
            }
            fatalError("\(needle) not in text")
        }
        var document = Document(
            id: "sha256:" + String(repeating: "ab", count: 32),
            source: Source(name: "报告<1>&\"x\".txt", bytes: text.utf8.count, format: "txt", encoding: "utf-8",
                           received: "2024-01-05T08:00:00Z"),
            meta: Metadata(issuer: "某市司法局", year: 2023, date: "2024-01-05", title: "某市司法局2023年<i>法治</i>政府建设年度报告"),
            text: text, original: Data(text.utf8))
        let metricTexts = ["共126件", "达12.5%", "3.2亿元", "48场次", "约1.5万人次"]
        document.metrics = metricTexts.map { needle in
            let where_ = span(of: needle)
            return Metric(value: 1, unit: "件", kind: .count, counted: "案件<&>", section: ["一、主要举措"], span: where_,
                          text: scalars[where_])
        }
        let injected = span(of: "<script>alert(1)</script>共126件")
        let quoted = span(of: "\"纠错率\"达12.5%")
        document.findings = [
            Finding(rule: "text.markup", severity: .error, message: "正文含有标记<script>", span: injected, excerpt: scalars[injected]),
            Finding(rule: "text.quotes", severity: .warning, message: "半角引号\"", span: quoted, excerpt: scalars[quoted]),
            Finding(rule: "form.signature", severity: .info, message: "缺少落款", span: Span(scalars.count, scalars.count), excerpt: ""),
        ]
        let first = span(of: "一、主要举措")
        let child = span(of: "(一)普法宣传")
        let second = span(of: "二、存在的问题")
        document.sections = [
            Section(level: 1, marker: "一、", number: 1, title: "主要举措", span: Span(first.start, second.start),
                    children: [Section(level: 2, marker: "(一)", number: 1, title: "普法<宣传>", span: Span(child.start, second.start))]),
            Section(level: 1, marker: "二、", number: 2, title: "存在的问题", span: Span(second.start, scalars.count)),
        ]
        document.duplicate = DuplicateReference(of: "sha256:" + String(repeating: "cd", count: 32), kind: .near, similarity: 0.82)
        document.provenance = [Provenance(processor: "metrics", version: "1.0.0", ms: 1.5)]
        return document
    }

    @Test func reportTextIsShownAsTextNeverAsMarkup() throws {
        let document = Self.hostileDocument()
        let html = ReportPage.render(document, duplicateHref: "../../../../archive/x/2022/cd/report.html")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;纠错率&quot;") && html.contains("&#39;R&amp;D&#39;"))
        let page = try XHTMLPage(html)
        // What the reader sees is the report's own characters.
        let article = try #require(page.element(id: "text"))
        #expect(article.text == document.text)
        #expect(page.all("title").first?.text == "某市司法局2023年<i>法治</i>政府建设年度报告")
    }

    @Test func thePageIsSelfContainedAndWellFormed() throws {
        let html = ReportPage.render(Self.hostileDocument(), duplicateHref: "../../../../archive/x/2022/cd/report.html")
        for forbidden in ["http:", "https:", "//", "src=", "<link", "@import", "url(", "<script", "<iframe", "<object"] {
            #expect(!html.lowercased().contains(forbidden), "page contains \(forbidden)")
        }
        let page = try XHTMLPage(html)
        let ids = page.with("id").compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count, "ids repeat")
        // Every in-page link lands on an element of the page.
        for link in page.all("a") {
            let href = try #require(link.attributes["href"])
            if href.hasPrefix("#") { #expect(page.element(id: String(href.dropFirst())) != nil, "\(href) goes nowhere") }
        }
        #expect(page.all("meta").contains { $0.attributes["name"] == "viewport" })
        #expect(page.all("html").first?.attributes["lang"] == "zh-CN")
    }

    @Test func highlightsCoverExactlyTheMetricAndFindingText() throws {
        let document = Self.hostileDocument()
        let page = try XHTMLPage(ReportPage.render(document))
        let scalars = ScalarText(document.text)
        for (index, metric) in document.metrics.enumerated() {
            let pieces = page.elements.filter { $0.name == "mark" && $0.attributes["data-m"] == String(index) }
            #expect(pieces.map(\.text).joined() == metric.text, "metric \(index)")
            #expect(pieces.first?.attributes["id"] == "m\(index)")
            #expect(scalars[metric.span] == metric.text)
        }
        for (index, finding) in document.findings.enumerated() where finding.span.length > 0 {
            let pieces = page.with("data-f").filter { $0.attributes["data-f"] == String(index) }
            #expect(pieces.map(\.text).joined() == scalars[finding.span], "finding \(index)")
        }
        // A finding with no extent is a point the list can still link to.
        #expect(page.element(id: "f2") != nil)
        // The outline links to each heading's place in the text.
        #expect(page.element(id: "s0") != nil && page.element(id: "s1") != nil && page.element(id: "s2") != nil)
        let outline = page.all("nav").first?.text ?? ""
        #expect(outline.contains("(一)普法<宣传>"))
    }

    @Test func findingsAreGroupedBySeverityWithTheirMessages() throws {
        let page = try XHTMLPage(ReportPage.render(Self.hostileDocument()))
        let headings = page.all("h3").compactMap { $0.attributes["id"] }
        #expect(headings == ["severity-error", "severity-warning", "severity-info"])
        let findings = try #require(page.element(id: "findings"))
        #expect(findings.text.contains("正文含有标记<script>"))
        #expect(findings.text.contains("半角引号\""))
    }

    @Test func theDuplicateIsNamedAndLinkedWhenArchived() throws {
        let document = Self.hostileDocument()
        let linked = try XHTMLPage(ReportPage.render(document, duplicateHref: "../../../../archive/x/2022/cd/report.html"))
        let notice = try #require(linked.element(id: "duplicate"))
        #expect(notice.text.contains(try #require(document.duplicate?.of)))
        #expect(linked.all("a").contains { $0.attributes["href"] == "../../../../archive/x/2022/cd/report.html" })
        let unlinked = try XHTMLPage(ReportPage.render(document))
        #expect(unlinked.element(id: "duplicate")?.text.contains(try #require(document.duplicate?.of)) == true)
    }

    @Test func pageLinksBetweenEntriesAreRelativeAndEscaped() {
        #expect(HTMLText.pageHref(from: "archive/甲局/2023/aa", to: "archive/乙 局#1/2022/bb")
            == "../../../../archive/%E4%B9%99%20%E5%B1%80%231/2022/bb/report.html")
    }
}
