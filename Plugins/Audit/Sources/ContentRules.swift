import ReportKit

/// The required content of a 法治政府建设年度报告: each item a section of its own, or at least a mention.
struct ContentRules: AuditRule {
    /// The items in the order a report gives them, with what a reviewer calls each.
    static let items: [(key: String, name: String)] = [
        ("measures", "主要举措和成效"),
        ("problems", "存在的不足"),
        ("causes", "不足的原因"),
        ("first-responsible", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        ("next-steps", "下一年度推进法治政府建设的主要安排"),
    ]

    func findings(in report: AuditedReport) -> [Finding] {
        guard report.isAnnualReport else { return [] }
        let sections = report.document.sections.flattened
        return Self.items.compactMap { item in
            let rule = "content.missing-\(item.key)"
            guard report.isEnabled(rule), let required = report.table.required[item.key] else { return nil }
            if sections.contains(where: { $0.role.map(required.roles.contains) == true }) { return nil }
            if item.key == "causes", sections.contains(where: { section in
                section.role == "problems" && firstMention(required.mentions, in: report, within: section.span) != nil
            }) {
                return nil
            }
            if item.key == "measures", report.document.sections.contains(where: { $0.kind == .heading && ($0.role ?? "other") == "other" }) {
                return nil
            }
            let body = bodySpan(report)
            if let mention = firstMention(required.mentions, in: report, within: body) {
                return report.finding(rule, mention, "报告未单列“\(item.name)”部分，仅在正文中顺带提及。",
                                      severity: report.table.setting(rule).mentionSeverity)
            }
            return report.finding(rule, placeOfMissing(item.key, in: report, sections: sections),
                                  "报告缺少法治政府建设年度报告应有的内容：\(item.name)。")
        }
    }

    /// The text after the title line, where a mention counts.
    private func bodySpan(_ report: AuditedReport) -> Span {
        let start = report.document.meta.title == nil ? 0 : (report.lines.first?.end ?? 0)
        return Span(start, report.scalars.count)
    }

    private func firstMention(_ phrases: [String], in report: AuditedReport, within span: Span) -> Span? {
        phrases.compactMap { phrase in
            report.occurrences(of: phrase, in: span).first.map { Span($0, $0 + phrase.unicodeScalars.count) }
        }.min()
    }

    /// Causes belong with the problems (shown at its heading); anything else missing is a matter of the whole report, shown at its title.
    private func placeOfMissing(_ key: String, in report: AuditedReport, sections: [Section]) -> Span {
        if key == "causes", let problems = sections.first(where: { $0.role == "problems" }) {
            let heading = report.line(containing: problems.span.start)
            return Span(problems.span.start, min(heading.end, problems.span.end, problems.span.start + 30))
        }
        return report.lines.first ?? Span(0, 0)
    }
}
