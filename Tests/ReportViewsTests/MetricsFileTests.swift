import Foundation
import Logging
import ReportKit
import ReportKitTesting
import ReportViews
import Testing

@Suite struct MetricsFileTests {
    @Test func theMetricsFileParsesStrictlyAndAddsUp() throws {
        let stats = DaemonStats()
        let seconds = [0.001, 0.02, 0.02, 0.3, 4, 120]
        for (index, value) in seconds.enumerated() {
            let outcome: Outcome = switch index % 3 {
            case 0: .processed
            case 1: .duplicate(of: "sha256:1")
            default: .failure(.report(reason: "坏文件 \"quoted\" \\ \n", processor: index == 2 ? "intake" : "exec \"evil\"\n"))
            }
            stats.record(outcome: outcome, seconds: value, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)))
        }
        stats.record(outcome: .failure(.transient(reason: "disk full", processor: "archive")), seconds: 0.5)
        let text = PrometheusText.render(stats.snapshot, backlog: ["inbox": 3, "spool": 1])
        let parsed = try PrometheusTextParser(text)
        #expect(parsed.value("reportd_reports_total", ["outcome": "processed"]) == 2)
        #expect(parsed.value("reportd_reports_total", ["outcome": "duplicate"]) == 2)
        #expect(parsed.value("reportd_reports_total", ["outcome": "failed"]) == 2)
        #expect(parsed.value("reportd_reports_total", ["outcome": "deferred"]) == 1)
        // Label values come from config names or fixed stages, never from report text.
        #expect(parsed.value("reportd_failures_total", ["processor": "intake"]) == 1)
        #expect(parsed.value("reportd_failures_total", ["processor": "other"]) == 1)
        #expect(parsed.value("reportd_report_processing_seconds_count") == 7)
        #expect(parsed.value("reportd_report_processing_seconds_bucket", ["le": "+Inf"]) == 7)
        #expect(parsed.value("reportd_report_processing_seconds_bucket", ["le": "0.025"]) == 3)
        #expect(parsed.value("reportd_report_processing_seconds_bucket", ["le": "60"]) == 6)
        #expect(abs((parsed.value("reportd_report_processing_seconds_sum") ?? 0) - (seconds.reduce(0, +) + 0.5)) < 1e-9)
        #expect(parsed.value("reportd_backlog_files", ["folder": "inbox"]) == 3)
        #expect(parsed.value("reportd_last_success_timestamp_seconds") == 1_700_000_004)
        for family in parsed.families.values { #expect(family.help != nil, "\(family.name) has no HELP") }
    }

    @Test func labelValuesAreEscaped() throws {
        let stats = DaemonStats()
        stats.record(outcome: .failure(.report(reason: "x", processor: "a.b-c_1")), seconds: 0.1)
        let text = PrometheusText.render(stats.snapshot, backlog: ["in\"box\\\n": 1])
        let parsed = try PrometheusTextParser(text)
        #expect(parsed.value("reportd_backlog_files", ["folder": "in\"box\\\n"]) == 1)
        #expect(parsed.value("reportd_failures_total", ["processor": "a.b-c_1"]) == 1)
    }

    @Test func theParserRefusesWhatPrometheusWould() {
        let bad = [
            "reportd_x 1\n",
            "# TYPE reportd_x counter\nreportd_x{a=b} 1\n",
            "# TYPE 1x counter\n1x 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",
            "# TYPE g gauge\ng{x=\"a\\q\"} 1\n",
            "# TYPE g gauge\ng 1",
        ]
        for text in bad { #expect(throws: PrometheusTextParser.Malformed.self, "\(text)") { try PrometheusTextParser(text) } }
    }

    @Test func theServiceWritesTheFileAtomicallyWithTheBacklog() throws {
        let root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("views-metrics-\(UUID().uuidString)"))
        try root.create()
        try Data("x".utf8).write(to: root.inbox.appendingPathComponent("waiting.txt"))
        try Data("x".utf8).write(to: root.inbox.appendingPathComponent(".half.part"))
        let file = root.state.appendingPathComponent("reportd.prom")
        let stats = DaemonStats()
        stats.record(outcome: .processed, seconds: 0.2)
        MetricsFileService(stats: stats, file: file, interval: .seconds(1), root: root, logger: Logger(label: "test")).write()
        let parsed = try PrometheusTextParser(String(contentsOf: file, encoding: .utf8))
        #expect(parsed.value("reportd_backlog_files", ["folder": "inbox"]) == 1)
        #expect(parsed.value("reportd_backlog_files", ["folder": "spool"]) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.state.path) == ["reportd.prom"])
    }
}
