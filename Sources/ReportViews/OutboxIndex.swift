import Foundation
import Logging
import ReportKit
import ReportStore
import Synchronization

/// `outbox/index.html`: the latest reports with their status and counts, the latest failures with their reasons,
/// and totals, built from bounded catalogue queries so it costs the same at a million reports.
public enum OutboxIndex {
    public static let fileName = "index.html"
    /// Reports listed, newest first.
    public static let latestLimit = 100
    /// Failures listed, newest first.
    public static let failureLimit = 50

    /// One render and write at a time, so the file left last is never older than the catalogue it was read after.
    private static let turn = Mutex(())

    /// Renders the index from `catalogue` and replaces `outbox/index.html` atomically.
    public static func refresh(root: DataRoot, catalogue: Catalogue, now: Date = Date()) throws {
        try turn.withLock { _ in
            let page = render(latest: try catalogue.latestReports(limit: latestLimit),
                              failures: try catalogue.lastFailures(limit: failureLimit),
                              totals: try catalogue.totals(), generated: now)
            try DurableFile.write(Data(page.utf8), to: root.outbox.appending(component: fileName))
        }
    }

    /// As ``refresh(root:catalogue:now:)``, logging a warning instead of throwing: the index is a view, never a report's outcome.
    public static func refresh(root: DataRoot, catalogue: Catalogue, logger: Logger) {
        do {
            try refresh(root: root, catalogue: catalogue)
        } catch {
            logger.warning("outbox index could not be written", metadata: ["error": "\(error)"])
        }
    }

    static let statusNames = ["processed": "已处理", "duplicate": "重复", "failed": "失败", "deferred": "暂缓"]

    static func render(latest: [IndexedReport], failures: [OutcomeRow], totals: CatalogueTotals, generated: Date) -> String {
        var page = Markup()
        page.begin(title: "reportd 报告汇总", style: PageStyle.css)
        page.open("header")
        page.element("h1", [:], "报告汇总")
        page.element("p", ["class": "meta"], "生成于 \(Timestamp.string(from: generated))")
        page.close("header")
        page.open("main", ["style": "padding: 0 1.25rem 1rem"])
        totalsTable(totals, into: &page)
        latestTable(latest, into: &page)
        failureTable(failures, into: &page)
        page.close("main")
        page.end()
        return page.html
    }

    private static func totalsTable(_ totals: CatalogueTotals, into page: inout Markup) {
        page.element("h2", [:], "合计")
        page.open("div", ["class": "scroll"])
        page.open("table", ["id": "totals"])
        func row(_ label: String, _ id: String, _ value: Int) {
            page.open("tr", ["id": id])
            page.element("th", [:], label)
            page.element("td", ["class": "n"], String(value))
            page.close("tr")
        }
        for status in ["processed", "duplicate", "failed"] {
            row("\(statusNames[status] ?? status)（次）", "total-\(status)", totals.outcomes[status, default: 0])
        }
        row("收录报告（份）", "total-reports", totals.reports.values.reduce(0, +))
        row("数据（项）", "total-metrics", totals.metrics)
        row("审查意见（条）", "total-findings", totals.findings)
        page.close("table")
        page.close("div")
    }

    private static func latestTable(_ latest: [IndexedReport], into page: inout Markup) {
        page.element("h2", [:], "最新收到（最近 \(latestLimit) 份）")
        page.open("div", ["class": "scroll"])
        page.open("table", ["id": "latest"])
        page.open("tr")
        for (label, numeric) in [("状态", false), ("报告", false), ("发布机构", false), ("年度", false), ("数据", true),
                                 ("意见", true), ("时间", false)] {
            page.element("th", ["class": numeric ? "n" : nil], label)
        }
        page.close("tr")
        for report in latest {
            page.open("tr", ["class": "report status-\(report.status)", "data-id": report.id])
            page.element("td", ["class": "status status-\(report.status)", "title": report.status],
                         statusNames[report.status] ?? report.status)
            page.open("td")
            page.link(report.title ?? report.file, href: report.archive.map(pageHref))
            if report.title != nil {
                page.void("br")
                page.element("span", ["class": "small"], report.file)
            }
            if report.status == "duplicate", let earlier = report.repeatsFile ?? report.duplicateOf {
                page.void("br")
                page.open("span", ["class": "small"])
                page.text(report.sameBytes ? "与先到的 " : "重复于 ")
                page.link(earlier, href: report.duplicateArchive.map(pageHref))
                if report.sameBytes { page.text(" 字节相同") }
                page.close("span")
            }
            page.close("td")
            page.element("td", [:], report.issuer ?? "—")
            page.element("td", [:], report.year.map(String.init) ?? "—")
            let counted = report.status == "processed"
            page.element("td", ["class": "n"], counted ? String(report.metrics) : "—")
            page.element("td", ["class": "n"], counted ? String(report.findings) : "—")
            page.element("td", ["class": "small"], report.at)
            page.close("tr")
        }
        page.close("table")
        page.close("div")
    }

    private static func failureTable(_ failures: [OutcomeRow], into page: inout Markup) {
        page.element("h2", [:], "最近失败（最近 \(failureLimit) 次）")
        page.open("div", ["class": "scroll"])
        page.open("table", ["id": "failures"])
        page.open("tr")
        for label in ["文件", "原因", "时间"] { page.element("th", [:], label) }
        page.close("tr")
        for failure in failures {
            page.open("tr", ["class": "failure"])
            page.element("td", ["class": "file"], failure.file)
            page.element("td", ["class": "reason"], failure.reason ?? "")
            page.element("td", ["class": "small"], failure.at)
            page.close("tr")
        }
        page.close("table")
        page.close("div")
    }

    /// From `outbox/` to an archive entry's page.
    static func pageHref(_ archive: String) -> String {
        HTMLText.href([".."] + archive.split(separator: "/").map(String.init) + [ReportPage.fileName])
    }
}
