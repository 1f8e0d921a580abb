import ReportKit

/// Reads what a report says about itself (issuer, year covered, date, title) from its normalised lines and
/// the page furniture taken out of them. A field nobody wrote stays nil; nothing is guessed.
///
/// Precedence, first found wins:
/// - issuer: 发布机构 in the page header; the signature (the line naming a body just above the closing
///   date); the title's opening; 来源 in the header; the first lines before the first heading.
/// - year: the year in the title (`2022年法治政府建设工作报告`); `YYYY年度` in the opening lines; an opening
///   line that begins `YYYY年` (`2022年,在…`) when no month follows. Never the year of signing.
/// - date: the signature's date (成文日期, the date the bureau put its name to), then 成文日期 in the header,
///   then 发布日期, then a date standing alone in the header. The signature wins over publication because
///   it is the report's own date; a site may publish months later.
/// - title: 信息名称 in the header, else the first heading-like line before the first heading that contains 报告.
enum MetadataReader {
    /// Lines before the first heading that may hold the title, salutation and opening.
    private static let openingLines = 4

    static func read(_ report: NormalizedReport) -> Metadata {
        let lines = report.lines
        let found = report.furniture.values
        let opening = Array(lines.prefix { !isTopHeading($0) }.prefix(openingLines))
        let title = found[.title] ?? opening.first(where: isTitleLike)
        let signature = Signature(lines: lines)

        let issuer = found[.issuer].flatMap(OrganisationName.given)
            ?? signature?.issuer
            ?? title.flatMap { OrganisationName.leading(in: $0) }
            ?? found[.source].flatMap { OrganisationName.leading(in: $0) }
            ?? opening.lazy.compactMap { OrganisationName.leading(in: $0) }.first
        let year = title.flatMap { ReportDate.years(in: $0).first?.year } ?? openingYear(opening)
        let date = signature?.date
            ?? found[.written].flatMap(ReportDate.whole)
            ?? found[.published].flatMap(ReportDate.whole)
            ?? report.furniture.webDate
        return Metadata(issuer: issuer, year: year, date: date, title: title)
    }

    /// `一、` … `十二、` at the start of a line.
    static func isTopHeading(_ line: String) -> Bool {
        let numerals = line.prefix { "一二三四五六七八九十".contains($0) }
        return (1...3).contains(numerals.count) && line.dropFirst(numerals.count).first == "、"
    }

    /// Short, no full stop, not a lead-in ending in a colon, and contains 报告.
    private static func isTitleLike(_ line: String) -> Bool {
        line.contains("报告") && line.count <= 60 && !line.contains("。")
            && line.last != "：" && line.last != ":"
    }

    /// `YYYY年度` anywhere in the opening lines, or a line opening with `YYYY年` not followed by a month.
    private static func openingYear(_ opening: [String]) -> Int? {
        let mentions = opening.map(ReportDate.years)
        if let covered = mentions.joined().first(where: { $0.next == "度" }) { return covered.year }
        let opener = mentions.lazy.compactMap(\.first).first { mention in
            mention.opensText && !(mention.next.map { $0.isNumber || $0 == "十" } ?? false)
        }
        return opener?.year
    }
}

/// The closing of a report: a date on the last line, with the signing body on the line above it or before
/// it on the same line. A short bracketed note after the date (（此件公开发布）) is passed over.
struct Signature {
    var issuer: String?
    var date: String

    init?(lines: [String]) {
        var end = lines.count
        while end > 0, lines.count - end < 2, Self.isClosingNote(lines[end - 1]) { end -= 1 }
        guard end > 0 else { return nil }
        let last = lines[end - 1]
        if let date = ReportDate.whole(last) {
            self.date = date
            issuer = end >= 2 ? Self.signingBody(lines[end - 2]) : nil
        } else if let (date, before) = ReportDate.trailing(last), let body = Self.signingBody(before) {
            self.date = date
            issuer = body
        } else {
            return nil
        }
    }

    /// A short line with no sentence punctuation that opens with a body's name.
    private static func signingBody(_ line: String) -> String? {
        guard line.count <= 40, !line.contains(where: { "。，,；;：:".contains($0) }) else { return nil }
        return OrganisationName.leading(in: line)
    }

    private static func isClosingNote(_ line: String) -> Bool {
        line.count <= 20 && (line.hasPrefix("（") || line.hasPrefix("(")) && (line.hasSuffix("）") || line.hasSuffix(")"))
    }
}
