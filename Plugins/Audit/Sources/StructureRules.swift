import ReportKit

/// Heading numbers and nesting, read from the anomalies the sections step left on the tree.
struct StructureRules: AuditRule {
    func findings(in report: AuditedReport) -> [Finding] {
        report.document.sections.flattened.flatMap { section in
            section.anomalies.compactMap { anomaly in finding(anomaly, of: section, in: report) }
        }
    }

    private func finding(_ anomaly: SectionAnomaly, of section: Section, in report: AuditedReport) -> Finding? {
        let heading = report.text(anomaly.span)
        let expected = anomaly.expected.map { "\($0)" } ?? "?"
        let found = anomaly.found.map { "\($0)" } ?? "?"
        let inline = section.kind == .inline ? "分项" : "标题"
        switch anomaly.kind {
        case .skipped:
            return report.finding("structure.sibling-skipped", anomaly.span,
                                  "\(inline)序号跳号：此处应为第\(expected)项，写成了第\(found)项（“\(heading)”）。")
        case .repeated:
            return report.finding("structure.sibling-repeated", anomaly.span,
                                  "\(inline)序号重复：第\(found)项与前一同级\(inline)序号相同（“\(heading)”）。")
        case .outOfOrder:
            return report.finding("structure.sibling-order", anomaly.span,
                                  "\(inline)序号顺序颠倒：应为第\(expected)项，却出现了更小的序号\(found)（“\(heading)”）。")
        case .levelSkipped:
            return report.finding("structure.level-skipped", anomaly.span,
                                  "标题层级跳级：按GB/T 9704-2012，此标题上方缺少一级（“\(heading)”）。")
        case .nestedSameLevel:
            return report.finding("structure.nested-same-level", anomaly.span,
                                  "同级序号嵌套：与上级标题同一样式的序号被用作下级标题（“\(heading)”）。")
        }
    }
}
