import Foundation
import ReportKit
import ReportKitTesting
import ReportStore
import Testing

/// The report page, the outbox index, the exports and the metrics file, on the real binary and a real catalogue.
@Suite struct ViewsTests {
    let config = repository.appendingPathComponent("config/reportd.toml").path

    /// Processes the demo reports, a byte-for-byte copy, a re-sent edit of the first, and a file that fails.
    func mixedRun() async throws -> (root: URL, run: Finished) {
        let root = temporaryRoot("views")
        let inputs = temporaryRoot("views-inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let copy = inputs.appendingPathComponent("再次报送.txt")
        try Data(contentsOf: demoReports[1]).write(to: copy)
        var edited = try String(contentsOf: demoReports[0], encoding: .utf8)
        edited = edited.replacingOccurrences(of: "。", with: "。\n", options: [], range: edited.range(of: "。"))
        edited += "\n附件：修改说明（第二稿）\n"
        let resent = inputs.appendingPathComponent("修改稿.txt")
        try Data(edited.utf8).write(to: resent)
        let broken = inputs.appendingPathComponent("broken.txt")
        try Data((0..<200).map { UInt8($0) }).write(to: broken)
        let run = try await reportd(["process", "--config", config, "--root", root.path]
                                    + demoReports.map(\.path) + [copy.path, resent.path, broken.path])
        return (root, run)
    }

    @Test func pagesIndexAndExportsAgreeWithTheCatalogue() async throws {
        let (root, run) = try await mixedRun()
        #expect(run.status == 1, "one file fails: \(run.stderr)")
        #expect(run.stderr.contains("[8/8] "), "plain progress lines off a terminal")
        #expect(run.stderr.split(separator: "\n").contains { $0.hasPrefix("[") && $0.contains("] failed /") && $0.hasSuffix("/broken.txt") },
                "the broken file's own progress line")
        let documents = try files(named: "document.json", under: root.appendingPathComponent("archive")).map { url in
            (url.deletingLastPathComponent(), try JSONDecoder().decode(Document.self, from: Data(contentsOf: url)))
        }
        #expect(documents.count == 6)

        // Each entry's page: self-contained, well-formed, every metric highlighted on its own text.
        for (entry, document) in documents {
            let html = try String(contentsOf: entry.appendingPathComponent("report.html"), encoding: .utf8)
            for forbidden in ["http:", "https:", "//", "src=", "<script", "<link"] {
                #expect(!html.contains(forbidden), "\(entry.lastPathComponent) contains \(forbidden)")
            }
            let page = try XHTMLPage(html)
            let text = try String(contentsOf: entry.appendingPathComponent("text.txt"), encoding: .utf8)
            #expect(page.element(id: "text")?.text == text)
            for (index, metric) in document.metrics.enumerated() {
                let pieces = page.all("mark").filter { $0.attributes["data-m"] == String(index) }
                #expect(pieces.map(\.text).joined() == metric.text, "metric \(index) of \(document.source.name)")
            }
            #expect(page.element(id: "metrics")?.text.contains("数据（\(document.metrics.count)）") == true)
            if let duplicate = document.duplicate {
                #expect(duplicate.kind == .near)
                let link = try #require(page.element(id: "duplicate").flatMap { _ in
                    page.all("a").first { $0.attributes["href"]?.hasSuffix("/report.html") == true }
                })
                let target = URL(fileURLWithPath: link.attributes["href"]!.removingPercentEncoding!, relativeTo: entry.appendingPathComponent("report.html"))
                #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path), "\(target.path)")
            }
        }
        #expect(documents.contains { $0.1.duplicate?.kind == .near }, "the re-sent edit is a near duplicate")

        // The index lists every arrival that was read, newest first, with its outcome; the copy names the first
        // arrival of its bytes and links to its page; the failure is listed with its reason.
        let catalogue = try Catalogue(url: root.appendingPathComponent("state/catalogue.sqlite"))
        let index = try XHTMLPage(String(contentsOf: root.appendingPathComponent("outbox/index.html"), encoding: .utf8))
        let listed = index.all("tr").filter { $0.attributes["data-id"] != nil }
        let read = try catalogue.outcomes().filter { $0.status != "failed" }.reversed()
        #expect(listed.map { $0.attributes["data-id"] } == read.map(\.reportId))
        #expect(listed.map { $0.attributes["class"] } == read.map { "report status-\($0.status)" })
        #expect(read.map(\.status).sorted() == ["duplicate"] + Array(repeating: "processed", count: 6))
        let copyRow = try #require(listed.first { $0.attributes["class"] == "report status-duplicate" })
        #expect(copyRow.text.contains("再次报送.txt") && copyRow.text.contains(demoReports[1].lastPathComponent)
                && copyRow.text.contains("字节相同"), "\(copyRow.text)")
        let firstPage = try #require(documents.first { $0.1.source.name == demoReports[1].lastPathComponent }).0
        #expect(index.all("a").contains { link in
            let href = link.attributes["href"] ?? ""
            return link.text == demoReports[1].lastPathComponent
                && URL(fileURLWithPath: href.removingPercentEncoding!, relativeTo: root.appendingPathComponent("outbox/index.html"))
                    .standardizedFileURL.path == firstPage.appendingPathComponent("report.html").standardizedFileURL.path
        }, "the copy links to the first arrival's page")
        let rows = try catalogue.reports()
        #expect(Set(rows.map(\.status)) == ["processed"], "the copy's row is the first arrival's")
        let failure = try #require(index.all("tr").first { $0.attributes["class"] == "failure" })
        let reason = try #require(try catalogue.lastFailures(limit: 1).first?.reason)
        #expect(failure.text.contains("broken.txt") && failure.text.contains(reason))
        #expect(index.element(id: "total-duplicate")?.text.contains("1") == true)

        // Exports: every metric and finding of every archived document, row for row.
        let metrics = try await export(root, "metrics")
        #expect(metrics.first == ["report_id", "file", "issuer", "year", "section", "counted", "value", "unit", "kind", "qualifier",
                                  "approx", "normalized", "text", "span_start", "span_end"])
        let findings = try await export(root, "findings")
        for (_, document) in documents {
            let mine = metrics.dropFirst().filter { $0[0] == document.id }
            #expect(mine.map { $0[12] } == document.metrics.map(\.text))
            #expect(mine.map { $0[8] } == document.metrics.map(\.kind.rawValue))
            #expect(mine.map { Int($0[13]) } == document.metrics.map(\.span.start))
            #expect(mine.map { $0[4] } == document.metrics.map { $0.section.joined(separator: " / ") })
            #expect(mine.allSatisfy { $0[2] == (document.meta.issuer ?? "") && $0[3] == document.meta.year.map(String.init) ?? "" })
            let theirs = findings.dropFirst().filter { $0[0] == document.id }
            #expect(theirs.map { $0[4] } == document.findings.map(\.rule))
            #expect(theirs.map { $0[6] } == document.findings.map(\.message))
            #expect(theirs.map { $0[7] } == document.findings.map(\.excerpt))
        }
        #expect(metrics.count - 1 == documents.map(\.1.metrics.count).reduce(0, +))

        let reports = try await export(root, "reports")
        #expect(reports.count - 1 == rows.count)
        for row in rows {
            let line = try #require(reports.first { $0[0] == row.id })
            #expect(line[6] == row.status && line[10] == String(row.metrics) && line[12] == String(row.warnings))
        }

        // Filters, JSON lines and --output.
        let some = try #require(documents.first { $0.1.meta.issuer != nil && $0.1.meta.year != nil }).1
        let filtered = try await export(root, "metrics", ["--issuer", some.meta.issuer!, "--year", String(some.meta.year!)])
        #expect(filtered.dropFirst().allSatisfy { $0[2] == some.meta.issuer! })
        #expect(filtered.count - 1 == documents.filter { $0.1.meta.issuer == some.meta.issuer && $0.1.meta.year == some.meta.year }
            .map(\.1.metrics.count).reduce(0, +))
        let jsonl = try await reportd(["export", "findings", "--format", "jsonl", "--config", config, "--root", root.path])
        let objects = try jsonl.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == findings.count - 1)
        #expect(objects.map { $0["rule"] as? String } == findings.dropFirst().map { $0[4] })
    }

    /// Runs an export as CSV into a file (standard output reaches the test as a String, which drops a BOM),
    /// checks the BOM and that standard output carries the same rows, and parses it strictly.
    func export(_ root: URL, _ what: String, _ extra: [String] = []) async throws -> [[String]] {
        let file = root.appendingPathComponent("export-\(UUID().uuidString).csv")
        let written = try await reportd(["export", what, "--output", file.path, "--config", config, "--root", root.path] + extra)
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "no BOM")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let printed = try await reportd(["export", what, "--config", config, "--root", root.path] + extra)
        #expect(printed.stdout == text)
        return try StrictCSV.parse(text)
    }

    @Test func theDaemonWritesAMetricsFileThatAddsUp() async throws {
        let daemon = try await Daemon(label: "views-metrics", config: """
            [metrics_file]
            path = "state/reportd.prom"
            interval_seconds = 0.2
            """, pipeline: ["dedupe", "sections", "metrics", "archive"])
        defer { daemon.stopBlocking() }
        try daemon.drop("a.txt", try uniqueReport(0))
        try daemon.drop("b.txt", try uniqueReport(1))
        try daemon.drop("a-again.txt", try uniqueReport(0))
        try daemon.drop("bad.txt", Data([0xFF, 0xFE, 0x00, 0x01, 0x02, 0x03, 0xC0]))
        await daemon.wait(for: "report done", count: 4)
        daemon.stop()
        #expect(await daemon.waitForExit() == 0)
        let text = try String(contentsOf: daemon.root.appendingPathComponent("state/reportd.prom"), encoding: .utf8)
        let parsed = try PrometheusTextParser(text)
        #expect(parsed.value("reportd_reports_total", ["outcome": "processed"]) == 2)
        #expect(parsed.value("reportd_reports_total", ["outcome": "duplicate"]) == 1)
        #expect(parsed.value("reportd_reports_total", ["outcome": "failed"]) == 1)
        #expect(parsed.value("reportd_failures_total", ["processor": "intake"]) == 1)
        #expect(parsed.value("reportd_report_processing_seconds_count") == 4)
        #expect(parsed.value("reportd_backlog_files", ["folder": "inbox"]) == 0)
        #expect(parsed.value("reportd_backlog_files", ["folder": "spool"]) == 0)
        #expect((parsed.value("reportd_last_success_timestamp_seconds") ?? 0) > 1_700_000_000)
        let index = try XHTMLPage(String(contentsOf: daemon.outbox.appendingPathComponent("index.html"), encoding: .utf8))
        #expect(index.all("tr").count { $0.attributes["data-id"] != nil } == 3, "two reports and the copy of one")
    }

    @Test func aMetricsFileThatIsNotPromIsRefusedWithKeyAndLine() async throws {
        let root = temporaryRoot("views-config")
        let file = root.appendingPathExtension("toml")
        try (Daemon.configText(root: root, pipeline: ["sections"]) + "\n[metrics_file]\npath = \"reportd.txt\"\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try await reportd(["check-config", "--config", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("key 'metrics_file.path'") && run.stderr.contains(".toml:8:"), "\(run.stderr)")
    }
}
