import Foundation

/// The daemon's counts in the Prometheus text exposition format (0.0.4), for node_exporter's textfile collector.
public enum PrometheusText {
    /// The file's text: HELP and TYPE before each family, label values escaped, histogram buckets cumulative.
    public static func render(_ stats: DaemonStats.Snapshot, backlog: [String: Int]) -> String {
        var out = ""
        family(&out, "reportd_reports_total", "counter", "Reports finished since the daemon started, by outcome.")
        for outcome in stats.outcomes.keys.sorted() {
            out += "reportd_reports_total{outcome=\"\(escape(outcome))\"} \(stats.outcomes[outcome] ?? 0)\n"
        }
        family(&out, "reportd_failures_total", "counter", "Reports sent to failed/ since the daemon started, by the processor that failed them.")
        for processor in stats.failures.keys.sorted() {
            out += "reportd_failures_total{processor=\"\(escape(processor))\"} \(stats.failures[processor] ?? 0)\n"
        }
        family(&out, "reportd_report_processing_seconds", "histogram", "Time from claim to receipt of one report.")
        var cumulative: UInt64 = 0
        for (bound, count) in zip(DaemonStats.bucketBounds, stats.buckets) {
            cumulative += count
            out += "reportd_report_processing_seconds_bucket{le=\"\(number(bound))\"} \(cumulative)\n"
        }
        out += "reportd_report_processing_seconds_bucket{le=\"+Inf\"} \(stats.count)\n"
        out += "reportd_report_processing_seconds_sum \(number(stats.sum))\n"
        out += "reportd_report_processing_seconds_count \(stats.count)\n"
        family(&out, "reportd_backlog_files", "gauge", "Files waiting: in the inbox (not yet claimed) and in the spool (claimed, not finished).")
        for folder in backlog.keys.sorted() {
            out += "reportd_backlog_files{folder=\"\(escape(folder))\"} \(backlog[folder] ?? 0)\n"
        }
        if let last = stats.lastSuccess {
            family(&out, "reportd_last_success_timestamp_seconds", "gauge",
                   "When the last report was processed or recorded as a duplicate, in seconds since 1970.")
            out += "reportd_last_success_timestamp_seconds \(number(last))\n"
        }
        return out
    }

    private static func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// A label value: backslash, quote and newline escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
