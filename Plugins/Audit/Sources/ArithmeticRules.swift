import Foundation
import ReportKit

/// Totals and their parts, rates and their numerator and denominator, growth rates and their figures.
struct ArithmeticRules: AuditRule {
    func findings(in report: AuditedReport) -> [Finding] {
        let metrics = report.document.metrics.sorted { $0.span < $1.span }
        return totals(metrics, in: report) + rates(metrics, in: report) + growth(metrics, in: report)
    }

    // MARK: totals

    private func totals(_ metrics: [Metric], in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("arithmetic.total-mismatch") else { return [] }
        let minParts = report.table.setting("arithmetic.total-mismatch").minParts
        var findings: [Finding] = []
        for (index, total) in metrics.enumerated() where Self.isAmount(total) && index + 1 < metrics.count {
            let gap = Span(total.span.end, max(total.span.end, metrics[index + 1].span.start))
            guard report.contains("其中", in: gap), !report.scalars[gap.start..<gap.end].contains(where: AuditedReport.isSentenceEnd) else { continue }
            var parts: [Metric] = []
            var previous = total
            for candidate in metrics[(index + 1)...] {
                guard Self.sameUnit(candidate, total) else { break }
                let between = Span(previous.span.end, candidate.span.start)
                if between.length > 16 || report.scalars[between.start..<between.end].contains(where: AuditedReport.isSentenceEnd) { break }
                parts.append(candidate)
                previous = candidate
            }
            guard !parts.isEmpty, !total.approx, !parts.contains(where: \.approx) else { continue }
            let sum = parts.map(Self.amount).reduce(0, +)
            let whole = Self.amount(total)
            let overshoots = sum > whole + 1e-6 * max(1, whole)
            let fallsShort = sum < whole - 1e-6 * max(1, whole) && parts.count >= minParts
            guard overshoots || fallsShort else { continue }
            let span = Span(total.span.start, parts.last!.span.end)
            let partsText = parts.map(\.text).joined(separator: "、")
            let sumText = total.kind == .money ? "\(Self.number(sum / 10_000))万元" : "\(Self.number(sum))\(total.unit ?? "")"
            findings += [report.finding("arithmetic.total-mismatch", span,
                                        "合计与分项不符：分项\(partsText)合计\(sumText)，与总数\(total.text)不一致。")].compactMap { $0 }
        }
        return findings
    }

    // MARK: rates

    private func rates(_ metrics: [Metric], in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("arithmetic.rate-mismatch") else { return [] }
        var findings: [Finding] = []
        for (index, rate) in metrics.enumerated() where Self.isShare(rate) && !rate.approx && Self.followsRateWord(rate, in: report) {
            let sentence = report.sentence(containing: rate.span.start)
            let counts = metrics[..<index].filter { $0.kind == .count && sentence.contains($0.span) && !$0.approx }
            guard let numerator = counts.last,
                  report.table.doneCues.contains(where: { report.contains($0, in: Self.clauseSpan(before: numerator, in: report)) }) else { continue }
            let denominators = counts.dropLast().filter { Self.sameUnit($0, numerator) && $0.value >= numerator.value && $0.value > 0 }
            guard !denominators.isEmpty else { continue }
            let decimals = Self.decimals(of: rate, in: report)
            let matches = denominators.contains { Self.agrees(numerator.value / $0.value * 100, written: rate.value, decimals: decimals) }
            guard !matches, let denominator = denominators.first else { continue }
            let computed = numerator.value / denominator.value * 100
            findings += [report.finding("arithmetic.rate-mismatch", Span(denominator.span.start, rate.span.end),
                                        "比率与数据不符：\(Self.number(numerator.value))÷\(Self.number(denominator.value))=\(String(format: "%.\(decimals)f", computed))%，报告写作\(Self.number(rate.value))%。")].compactMap { $0 }
        }
        return findings
    }

    // MARK: growth

    private func growth(_ metrics: [Metric], in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("arithmetic.growth-mismatch") else { return [] }
        var findings: [Finding] = []
        for rate in metrics where rate.kind == .growth && !rate.approx && rate.unit == "%" {
            let sentence = report.sentence(containing: rate.span.start)
            let figures = metrics.filter { Self.isAmount($0) && sentence.contains($0.span) }
            guard let unitOwner = figures.first else { continue }
            let sameUnit = figures.filter { Self.sameUnit($0, unitOwner) }
            guard sameUnit.count == 2, sameUnit.count == figures.count, !sameUnit.contains(where: \.approx) else { continue }
            let marked = sameUnit.filter { isPrevious($0, in: report) }
            guard marked.count == 1, let previous = marked.first, let current = sameUnit.first(where: { $0 != previous }),
                  Self.amount(previous) > 0 else { continue }
            let falling = ["下降", "减少", "降低", "回落", "下滑"].contains { cue in
                report.text(Span(max(sentence.start, rate.span.start - 6), rate.span.start)).contains(cue)
            }
            let written = falling ? -rate.value : rate.value
            let low = (Self.amount(current) - halfUnit(current, in: report)) / (Self.amount(previous) + halfUnit(previous, in: report))
            let high = (Self.amount(current) + halfUnit(current, in: report)) / max(1e-12, Self.amount(previous) - halfUnit(previous, in: report))
            let slack = 0.5 * pow(10, -Double(Self.decimals(of: rate, in: report))) + 1e-9
            guard written < (low - 1) * 100 - slack || written > (high - 1) * 100 + slack else { continue }
            let computed = (Self.amount(current) / Self.amount(previous) - 1) * 100
            findings += [report.finding("arithmetic.growth-mismatch", Span(min(previous.span.start, current.span.start), rate.span.end),
                                        "增幅与数据不符：由\(previous.text)到\(current.text)，变化约为\(String(format: "%.2f", computed))%，报告写作\(falling ? "下降" : "增长")\(Self.number(rate.value))%。")].compactMap { $0 }
        }
        return findings
    }

    private func isPrevious(_ metric: Metric, in report: AuditedReport) -> Bool {
        let before = Span(max(0, metric.span.start - 8), metric.span.start)
        if report.table.previousCues.contains(where: { report.contains($0, in: before) }) { return true }
        if let year = report.year, report.contains("\(year - 1)年", in: before) { return true }
        return false
    }

    /// The words from the start of a metric's clause (after ，、；) to the metric.
    static func clauseSpan(before metric: Metric, in report: AuditedReport) -> Span {
        var start = metric.span.start
        while start > 0, !"，,、；;。\n".unicodeScalars.contains(report.scalars[start - 1]) { start -= 1 }
        return Span(start, metric.span.start)
    }

    /// Half the last written place of the figure, in the figure's own scale (1.35亿元 → 0.005亿).
    private func halfUnit(_ metric: Metric, in report: AuditedReport) -> Double {
        guard let written = Self.writtenNumber(metric.text), written.value > 0 else { return 0 }
        let scale = Self.amount(metric) / written.value
        return 0.5 * pow(10, -Double(written.decimals)) * scale
    }

    // MARK: numbers

    /// Two counts of one unit, or two sums of money whatever their unit (万元 and 亿元).
    static func sameUnit(_ a: Metric, _ b: Metric) -> Bool { a.kind == b.kind && (a.kind == .money || a.unit == b.unit) }

    static func isAmount(_ metric: Metric) -> Bool { metric.kind == .count || metric.kind == .money }

    static func isShare(_ metric: Metric) -> Bool { (metric.kind == .ratio || metric.kind == .percent) && metric.unit == "%" }

    static func amount(_ metric: Metric) -> Double { metric.kind == .money ? (metric.normalized ?? metric.value) : metric.value }

    /// Whether the share is a rate named as such (完成率92.86%, 办结率为99.6%).
    static func followsRateWord(_ metric: Metric, in report: AuditedReport) -> Bool {
        var index = metric.span.start
        let fillers: Set<Unicode.Scalar> = ["为", "达", "到", "是", "均", "了", ":", "：", "约"]
        while index > 0, fillers.contains(report.scalars[index - 1]) { index -= 1 }
        return index > 0 && report.scalars[index - 1] == "率"
    }

    /// The first Arabic number in `text` and how many decimals it is written with.
    static func writtenNumber(_ text: String) -> (value: Double, decimals: Int)? {
        let scalars = Array(text.unicodeScalars)
        guard let start = scalars.firstIndex(where: AuditedReport.isDigit) else { return nil }
        var end = start
        while end < scalars.count, AuditedReport.isDigit(scalars[end]) || (scalars[end] == "." && end + 1 < scalars.count && AuditedReport.isDigit(scalars[end + 1])) {
            end += 1
        }
        let written = String(String.UnicodeScalarView(scalars[start..<end]))
        guard let value = Double(written) else { return nil }
        let decimals = written.split(separator: ".").dropFirst().first?.count ?? 0
        return (value, decimals)
    }

    static func decimals(of metric: Metric, in report: AuditedReport) -> Int {
        writtenNumber(metric.text)?.decimals ?? 0
    }

    /// Whether `computed` rounds to `written` at `decimals` places.
    static func agrees(_ computed: Double, written: Double, decimals: Int) -> Bool {
        let factor = pow(10, Double(decimals))
        return abs((computed * factor).rounded() - written * factor) < 1e-6
            || abs(computed - written) <= 0.5 / factor + 1e-9
    }

    /// `27`, `92.86`: a value without a trailing `.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }
}
