import ReportKit

/// How quantities are written: 余 and 多 after round numbers only, people counted with 名, 人 or 位.
struct QuantityRules: AuditRule {
    func findings(in report: AuditedReport) -> [Finding] {
        report.document.metrics.sorted { $0.span < $1.span }.flatMap { metric in
            [approxNotRound(metric, in: report), personUnit(metric, in: report)].compactMap { $0 }
        }
    }

    private static let multipliers: Set<Unicode.Scalar> = ["十", "百", "千", "万", "亿"]
    private static let chineseDigits: Set<Unicode.Scalar> = ["零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九"]

    /// 25余次 or 9余件: 余/多 right after a number that is not a multiple of the round base.
    private func approxNotRound(_ metric: Metric, in report: AuditedReport) -> Finding? {
        guard report.isEnabled("quantity.approx-not-round"), metric.kind == .count || metric.kind == .money else { return nil }
        let scalars = report.scalars
        var start = metric.span.start
        while start < metric.span.end, !Self.isNumeral(scalars[start]) { start += 1 }
        var end = start
        while end < metric.span.end, Self.isNumeral(scalars[end]) || scalars[end] == "." { end += 1 }
        guard end > start, end < scalars.count, scalars[end] == "余" || scalars[end] == "多" else { return nil }
        let last = scalars[end - 1]
        if Self.multipliers.contains(last) { return nil }
        let base = report.table.setting("quantity.approx-not-round").roundBase
        if AuditedReport.isDigit(last) {
            let digits = report.text(Span(start, end))
            guard let value = Double(digits) else { return nil }
            if !digits.contains("."), value >= Double(base), Int(value) % base == 0 { return nil }
        } else if !Self.chineseDigits.contains(last) {
            return nil
        }
        let number = report.text(Span(start, end))
        return report.finding("quantity.approx-not-round", Span(start, end + 1),
                              "“\(number)\(scalars[end])”用法不当：“\(scalars[end])”只能用在整十、整百等整数之后，确数不应再加“\(scalars[end])”。")
    }

    private static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        AuditedReport.isDigit(scalar) || chineseDigits.contains(scalar) || multipliers.contains(scalar)
    }

    /// 科技特派员65个: a count of people with an object unit.
    private func personUnit(_ metric: Metric, in report: AuditedReport) -> Finding? {
        guard report.isEnabled("quantity.person-unit"), metric.kind == .count, let unit = metric.unit,
              report.table.objectUnits.contains(unit) else { return nil }
        var runStart = metric.span.start
        while runStart > max(0, metric.span.start - 12), AuditedReport.isHan(report.scalars[runStart - 1]) { runStart -= 1 }
        let before = Span(runStart, metric.span.start)
        let counted = metric.counted.map { Array($0.unicodeScalars) } ?? []
        let noun: String
        if !counted.isEmpty, isPerson(counted, table: report.table) {
            noun = metric.counted!
        } else if before.length > 0, isPerson(Array(report.scalars[before.start..<before.end]), table: report.table) {
            noun = report.text(before)
        } else {
            return nil
        }
        guard let numberStart = firstNumeral(of: metric, in: report) else { return nil }
        let span = Span(max(0, numberStart - min(8, noun.unicodeScalars.count)), metric.span.end)
        return report.finding("quantity.person-unit", span,
                              "人员数量量词不当：“\(noun)”应以“名”“人”或“位”计，此处写作“\(unit)”。")
    }

    private func isPerson(_ noun: [Unicode.Scalar], table: AuditTable) -> Bool {
        func endsWith(_ suffix: [Unicode.Scalar]) -> Bool {
            suffix.count <= noun.count && noun[(noun.count - suffix.count)...].elementsEqual(suffix)
        }
        return table.personNounScalars.contains(where: endsWith) && !table.notPersonNounScalars.contains(where: endsWith)
    }

    private func firstNumeral(of metric: Metric, in report: AuditedReport) -> Int? {
        (metric.span.start..<metric.span.end).first { Self.isNumeral(report.scalars[$0]) }
    }
}
