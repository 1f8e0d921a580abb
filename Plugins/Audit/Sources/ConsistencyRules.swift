import ReportKit

/// Claims the report's own figures, years or place contradict.
struct ConsistencyRules: AuditRule {
    func findings(in report: AuditedReport) -> [Finding] {
        completeness(in: report) + years(in: report) + placeKinds(in: report)
    }

    // MARK: completeness

    private func completeness(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("consistency.completeness-claim") else { return [] }
        let metrics = report.document.metrics.sorted { $0.span < $1.span }
        var claims: [Span] = []
        for claim in report.table.completenessClaims {
            claims += report.occurrences(of: claim).map { Span($0, $0 + claim.unicodeScalars.count) }
        }
        var merged: [Span] = []
        for span in claims.sorted() {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1] = Span(last.start, max(last.end, span.end))
            } else {
                merged.append(span)
            }
        }
        return merged.compactMap { span in
            let paragraph = report.line(containing: span.start)
            let before = metrics.filter { paragraph.contains($0.span) && $0.span.end <= span.start }
            guard let contradiction = contradiction(in: before, report: report) else { return nil }
            return report.finding("consistency.completeness-claim", clauseSpan(ending: span, in: report),
                                  "“\(report.text(span))”与前文数据矛盾：\(contradiction)。")
        }
    }

    /// What in the figures before a claim of completeness says otherwise, if anything.
    private func contradiction(in metrics: [Metric], report: AuditedReport) -> String? {
        for rate in metrics where ArithmeticRules.isShare(rate) && rate.value < 100 - 1e-9 {
            let before = Span(max(0, rate.span.start - 6), rate.span.start)
            if let cue = report.table.rateCues.first(where: { report.contains($0, in: before) }) { return "\(cue)仅为\(rate.text)" }
        }
        for (index, done) in metrics.enumerated() where done.kind == .count {
            let before = Span(max(0, done.span.start - 6), done.span.start)
            guard report.table.doneCues.contains(where: { report.contains($0, in: before) }) else { continue }
            if let total = metrics[..<index].last(where: { $0.kind == .count && $0.unit == done.unit && $0.value > done.value }) {
                return "共\(total.text)，\(done.text)已完成"
            }
        }
        return nil
    }

    /// From the start of the claim's clause (after ，。；) to the claim's end.
    private func clauseSpan(ending span: Span, in report: AuditedReport) -> Span {
        var start = span.start
        while start > 0, !"，,。；;：:\n".unicodeScalars.contains(report.scalars[start - 1]) { start -= 1 }
        return Span(start, span.end)
    }

    // MARK: years

    private func years(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("consistency.year"), let year = report.year else { return [] }
        var findings: [Finding] = []
        let firstSection = report.document.sections.first?.span.start ?? report.scalars.count
        for line in report.lines.filter({ $0.end <= firstSection && $0.length >= 20 }).prefix(2) {
            if let opening = yearOpening(at: line.start, in: report), opening.year != year, opening.year != year + 1 {
                findings += [report.finding("consistency.year", opening.span,
                                            "开篇所述年度（\(opening.year)年）与报告年度（\(year)年）不一致。")].compactMap { $0 }
            }
        }
        for section in report.document.sections.flattened where section.role == "next-steps" {
            let head = Span(section.span.start, min(section.span.end, section.span.start + 40))
            for index in head.start..<head.end {
                guard let opening = yearOpening(at: index, in: report, within: head), opening.year <= year else { continue }
                let after = report.text(Span(opening.span.end, min(head.end, opening.span.end + 6)))
                guard ["将", "工作", "打算", "计划", "思路", "安排", "重点"].contains(where: after.contains) else { continue }
                findings += [report.finding("consistency.year", opening.span,
                                            "下一步安排所写年度（\(opening.year)年）不是报告年度（\(year)年）的下一年。")].compactMap { $0 }
                break
            }
        }
        let nextSteps = report.document.sections.first { $0.role == "next-steps" }?.span.start ?? report.scalars.count
        var reported: Set<Int> = []
        for metric in report.document.metrics where metric.span.start < nextSteps && ArithmeticRules.isAmount(metric) {
            let sentence = report.sentence(containing: metric.span.start)
            guard !reported.contains(sentence.start), let opening = yearOpening(at: sentence.start, in: report),
                  opening.year < year else { continue }
            let words = report.text(sentence)
            guard !["较", "比", "同比", "上年", "增长", "以来", "下降"].contains(where: words.contains) else { continue }
            reported.insert(sentence.start)
            findings += [report.finding("consistency.year", Span(sentence.start, metric.span.end),
                                        "本报告为\(year)年度报告，此处数据所述为\(opening.year)年。",
                                        severity: .info)].compactMap { $0 }
        }
        return findings
    }

    /// A year written `20XX年` at `index` (after leading spaces) that opens a statement, not a span of years.
    private func yearOpening(at index: Int, in report: AuditedReport, within span: Span? = nil) -> (year: Int, span: Span)? {
        var start = index
        while start < report.scalars.count, report.scalars[start] == " " || report.scalars[start] == "\u{3000}" { start += 1 }
        let limit = span?.end ?? report.scalars.count
        guard start + 5 <= limit, report.scalars[start + 4] == "年",
              (start...(start + 3)).allSatisfy({ AuditedReport.isDigit(report.scalars[$0]) }),
              start == 0 || !AuditedReport.isDigit(report.scalars[start - 1]),
              let year = report.number(Span(start, start + 4)), (1990...2100).contains(year) else { return nil }
        let after = report.text(Span(start + 5, min(report.scalars.count, start + 8)))
        guard !["以来", "至", "—", "-", "~", "度以来", "底", "末"].contains(where: after.hasPrefix) else { return nil }
        return (year, Span(start, start + 5))
    }

    // MARK: place

    private func placeKinds(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("consistency.place-kind"), let issuer = report.document.meta.issuer,
              let own = placeKind(of: issuer, table: report.table) else { return [] }
        let countyLevel: Set<String> = ["县", "旗", "区"]
        var findings: [Finding] = []
        for kind in report.table.placeKinds where kind != own {
            let wrong: Bool
            switch own {
            case "县", "旗", "区": wrong = countyLevel.contains(kind)
            case "省": wrong = kind != "区"
            default: wrong = kind == "县" || kind == "旗"
            }
            guard wrong else { continue }
            for start in report.occurrences(of: "我\(kind)") {
                findings += [report.finding("consistency.place-kind", Span(start, start + 2),
                                            "“我\(kind)”与发文单位“\(issuer)”的行政区划（\(own)）不符。")].compactMap { $0 }
            }
        }
        return findings
    }

    /// The kind of place in an issuer's name: 蒙自市科学技术局 → 市; a 市 in 市场 is none.
    func placeKind(of issuer: String, table: AuditTable) -> String? {
        let scalars = Array(issuer.unicodeScalars)
        let notEnding: Set<Unicode.Scalar> = ["场", "域", "民", "直"]
        var kind: String?
        for (index, scalar) in scalars.enumerated() where table.placeKinds.contains(String(scalar)) {
            if index + 1 < scalars.count, notEnding.contains(scalars[index + 1]), index > 0 { continue }
            kind = String(scalar)
        }
        return kind
    }
}
