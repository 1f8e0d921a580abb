import ReportKit
import ReportViews

/// The archive entry's report.md: what a person reads before opening the JSON.
enum ReadableReport {
    static func render(_ document: Document) -> String {
        var lines: [String] = []
        lines.append("# \(document.meta.title ?? document.source.name)")
        lines.append("")
        lines.append("- id: `\(document.id)`")
        lines.append("- file: \(document.source.name) (\(document.source.format), \(document.source.encoding), \(document.source.bytes) bytes)")
        lines.append("- issuer: \(document.meta.issuer ?? "unknown")")
        lines.append("- year: \(document.meta.year.map(String.init) ?? "unknown")")
        lines.append("- date: \(document.meta.date ?? "unknown")")
        if let duplicate = document.duplicate {
            lines.append("- duplicate: \(duplicate.kind.rawValue) of `\(duplicate.of ?? duplicate.original?.file ?? "-")` (similarity \(duplicate.similarity))")
        }
        lines.append("")
        lines.append("## Outline")
        lines.append("")
        if document.sections.isEmpty { lines.append("(no headings found)") }
        for section in document.sections {
            outline(section, depth: 0, into: &lines)
        }
        lines.append("")
        lines.append("## Metrics (\(document.metrics.count))")
        lines.append("")
        for metric in document.metrics {
            lines.append("- \(metric.text) — \(metric.kind.rawValue)\(metric.counted.map { ", \($0)" } ?? "")")
        }
        lines.append("")
        lines.append("## Findings (\(document.findings.count))")
        lines.append("")
        for finding in document.findings.sorted(by: { ($0.severity, $0.span) < ($1.severity, $1.span) }) {
            lines.append("- [\(finding.severity.rawValue)] \(finding.rule): \(finding.message) 「\(finding.excerpt)」")
        }
        lines.append("")
        lines.append("## Provenance")
        lines.append("")
        for step in document.provenance {
            lines.append("- \(step.processor) \(step.version): \(Milliseconds.text(of: step)) ms")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func outline(_ section: Section, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        lines.append("\(indent)- \(section.marker)\(section.title)")
        for child in section.children {
            outline(child, depth: depth + 1, into: &lines)
        }
    }
}
