import Foundation
import ReportKit

/// The end of the report: the issuer's signature and the date, their form, and whether the date is late.
struct FormRules: AuditRule {
    var readsOnlyText: Bool { true }

    /// A date as written in the text, read.
    struct WrittenDate {
        let span: Span
        let day: ISODay
        /// Written `2021年2月3日` with Arabic numerals and no leading zeros.
        let isStandard: Bool
        let zeroPadded: Bool
    }

    func findings(in report: AuditedReport) -> [Finding] {
        let ending = endLines(of: report)
        let signatureDate = ending.lazy.compactMap { Self.date(in: $0, of: report) }.first
        let hasIssuer = ending.contains { isIssuerLine($0, in: report) }
        var findings: [Finding] = []
        let lastLine = ending.last ?? report.lines.last ?? Span(0, 0)
        let last = Span(max(lastLine.start, lastLine.end - 8), lastLine.end)
        if !hasIssuer {
            findings += [report.finding("form.missing-signature", last, "报告末尾缺少署名（发文单位）。", context: 12)].compactMap { $0 }
        }
        if signatureDate == nil {
            findings += [report.finding("form.missing-date", last, "报告末尾缺少成文日期。", context: 12)].compactMap { $0 }
        }
        findings += dateFormats(signatureDate, in: report)
        findings += latePublication(signatureDate, in: report)
        return findings
    }

    /// The last three lines with text, page chrome after the signature left out.
    private func endLines(of report: AuditedReport) -> [Span] {
        var lines = report.lines.filter { span in report.scalars[span.start..<span.end].contains { !$0.properties.isWhitespace } }
        while let last = lines.last, isChrome(last, in: report) { lines.removeLast() }
        return Array(lines.suffix(3))
    }

    private func isChrome(_ line: Span, in report: AuditedReport) -> Bool {
        report.table.chrome.contains { report.contains($0, in: line) } || report.hasSuffix(">>", in: line) || report.hasSuffix("》》", in: line)
    }

    /// Read on the report's scalars: Foundation's trimming and searches on a string made of each line cost more than the rest of the rule.
    private func isIssuerLine(_ line: Span, in report: AuditedReport) -> Bool {
        var name = Self.trimmed(line, in: report)
        if let date = Self.date(in: line, of: report) { name = Self.trimmed(Span(line.start, date.span.start), in: report) }
        guard name.length > 0, name.length <= 40 || report.text(name).count <= 40,
              !report.scalars[name.start..<name.end].contains(where: Self.clauseMarks.contains) else { return false }
        if let issuer = report.document.meta.issuer, !issuer.isEmpty, report.contains(issuer, in: name) { return true }
        return report.table.issuerEndings.contains { report.hasSuffix($0, in: name) }
    }

    private static let clauseMarks = Set("。，,；;：:！？".unicodeScalars)

    /// `span` without the spaces and tabs at either end (what `CharacterSet.whitespaces` holds).
    private static func trimmed(_ span: Span, in report: AuditedReport) -> Span {
        func isBlank(_ index: Int) -> Bool {
            let scalar = report.scalars[index]
            return scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        var start = span.start, end = span.end
        while start < end, isBlank(start) { start += 1 }
        while end > start, isBlank(end - 1) { end -= 1 }
        return Span(start, end)
    }

    // MARK: dates

    private func dateFormats(_ signature: WrittenDate?, in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("form.date-format") else { return [] }
        var findings: [Finding] = []
        if let signature, !signature.isStandard, !signature.zeroPadded {
            findings += [report.finding("form.date-format", signature.span,
                                        "成文日期应按GB/T 9704-2012用阿拉伯数字写全年、月、日（如\(signature.day.chinese)）。")].compactMap { $0 }
        }
        for line in report.lines {
            var index = line.start
            while index < line.end {
                guard let date = Self.arabicDate(at: index, in: report, limit: line.end) else { index += 1; continue }
                if date.zeroPadded {
                    findings += [report.finding("form.date-format", date.span,
                                                "日期的月、日不应补零：按GB/T 9704-2012应写作\(date.day.chinese)。")].compactMap { $0 }
                }
                index = date.span.end
            }
        }
        return findings
    }

    private func latePublication(_ signature: WrittenDate?, in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("form.late-publication"), let year = report.year else { return [] }
        let deadline = report.table.setting("form.late-publication").deadline
        let limit = ISODay(year: year + 1, month: deadline.month, day: deadline.day)
        var dates: [WrittenDate] = signature.map { [$0] } ?? []
        if let published = publicationDate(in: report) { dates.append(published) }
        guard let late = dates.filter({ $0.day >= limit }).max(by: { $0.day < $1.day }) else { return [] }
        return [report.finding("form.late-publication", late.span,
                               "\(year)年度报告应于\(limit.chinese)前公开，落款或发布日期为\(late.day.chinese)，已逾期。")].compactMap { $0 }
    }

    /// The 发布日期 of a scraped page's furniture: on the label's line or the next.
    private func publicationDate(in report: AuditedReport) -> WrittenDate? {
        for (number, line) in report.lines.prefix(30).enumerated() where report.contains("发布日期", in: line) {
            for candidate in report.lines[number...].prefix(2) {
                var index = candidate.start
                while index < candidate.end {
                    if let date = Self.arabicDate(at: index, in: report, limit: candidate.end) { return date }
                    index += 1
                }
            }
        }
        return nil
    }

    /// The date a line ends with, in any of the forms a signature uses.
    static func date(in line: Span, of report: AuditedReport) -> WrittenDate? {
        var end = line.end
        while end > line.start, report.scalars[end - 1].properties.isWhitespace { end -= 1 }
        for start in line.start..<end {
            if let date = arabicDate(at: start, in: report, limit: end), date.span.end == end { return date }
            if let date = chineseDate(at: start, in: report, limit: end), date.span.end == end { return date }
        }
        return nil
    }

    /// `2021年2月3日`, `2021-02-03`, `2021.2.3` or `2021/2/3` at `index`.
    static func arabicDate(at index: Int, in report: AuditedReport, limit: Int) -> WrittenDate? {
        let scalars = report.scalars
        guard index + 4 <= limit, index == 0 || !AuditedReport.isDigit(scalars[index - 1]),
              (index..<index + 4).allSatisfy({ AuditedReport.isDigit(scalars[$0]) }),
              let year = report.number(Span(index, index + 4)), (1980...2100).contains(year),
              index + 4 < limit else { return nil }
        let separator = scalars[index + 4]
        guard "年-./".unicodeScalars.contains(separator) else { return nil }
        func number(at start: Int) -> (value: Int, end: Int, padded: Bool)? {
            var end = start
            while end < limit, end - start < 2, AuditedReport.isDigit(scalars[end]) { end += 1 }
            guard end > start, let value = report.number(Span(start, end)) else { return nil }
            return (value, end, end - start == 2 && scalars[start] == "0")
        }
        guard let month = number(at: index + 5), (1...12).contains(month.value), month.end < limit else { return nil }
        let chinese = separator == "年"
        guard scalars[month.end] == (chinese ? "月" : separator), let day = number(at: month.end + 1), (1...31).contains(day.value) else { return nil }
        var end = day.end
        if chinese {
            guard end < limit, scalars[end] == "日" else { return nil }
            end += 1
        } else if end < limit, AuditedReport.isDigit(scalars[end]) {
            return nil
        }
        let padded = month.padded || day.padded
        return WrittenDate(span: Span(index, end), day: ISODay(year: year, month: month.value, day: day.value),
                           isStandard: chinese && !padded, zeroPadded: chinese && padded)
    }

    private static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// `二〇二一年二月二十三日` at `index`.
    static func chineseDate(at index: Int, in report: AuditedReport, limit: Int) -> WrittenDate? {
        let scalars = report.scalars
        guard index + 4 < limit, (index..<index + 4).allSatisfy({ chineseDigits[scalars[$0]] != nil }), scalars[index + 4] == "年" else { return nil }
        let year = (index..<index + 4).reduce(0) { $0 * 10 + chineseDigits[scalars[$1]]! }
        func number(from start: Int, until mark: Unicode.Scalar) -> (Int, Int)? {
            var end = start
            var value = 0
            var tens = false
            while end < limit, scalars[end] != mark {
                if scalars[end] == "十" {
                    value = max(1, value) * 10
                    tens = true
                } else if let digit = chineseDigits[scalars[end]] {
                    value = tens ? value + digit : value * 10 + digit
                } else {
                    return nil
                }
                end += 1
            }
            return end < limit && end > start ? (value, end + 1) : nil
        }
        guard let (month, monthEnd) = number(from: index + 5, until: "月"), (1...12).contains(month),
              let (day, dayEnd) = number(from: monthEnd, until: "日"), (1...31).contains(day) else { return nil }
        return WrittenDate(span: Span(index, dayEnd), day: ISODay(year: year, month: month, day: day), isStandard: false, zeroPadded: false)
    }
}
