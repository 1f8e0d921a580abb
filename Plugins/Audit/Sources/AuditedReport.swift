import ReportKit

/// One family of checks: it reads the report and returns the findings of its rules.
protocol AuditRule: Sendable {
    func findings(in report: AuditedReport) -> [Finding]
    /// The family reads only the text and metadata, nothing a step adds, so it can run beside the steps before audit.
    var readsOnlyText: Bool { get }
}

extension AuditRule {
    var readsOnlyText: Bool { false }
}

/// A document as the rules read it: its scalars, its lines, the table, and what kind of report it is.
final class AuditedReport {
    let document: Document
    let scalars: [Unicode.Scalar]
    /// Every line's span, newline left out.
    let lines: [Span]
    let table: AuditTable
    /// A 法治政府建设年度报告 that owes the required content.
    let isAnnualReport: Bool
    /// The year the report covers, from the metadata or else the title.
    let year: Int?

    init(_ document: Document, table: AuditTable) {
        self.document = document
        self.table = table
        scalars = ScalarText(document.text).scalars
        var lines: [Span] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            lines.append(Span(start, index))
            start = index + 1
        }
        if start < scalars.count { lines.append(Span(start, scalars.count)) }
        self.lines = lines
        let allScalars = scalars
        let title = document.meta.title ?? lines.first.map { String(String.UnicodeScalarView(allScalars[$0.start..<$0.end])) } ?? ""
        year = document.meta.year ?? Self.firstYear(in: Array(title.unicodeScalars))
        isAnnualReport = Self.isAnnualReport(title: title, scalars: allScalars, lines: lines, table: table,
                                             hasTitle: document.meta.title != nil)
    }

    /// `document` read with what a text audit worked out from the same text and metadata.
    init(_ document: Document, table: AuditTable, sharing earlier: TextAudit) {
        self.document = document
        self.table = table
        scalars = earlier.scalars
        lines = earlier.lines
        year = earlier.year
        isAnnualReport = earlier.isAnnualReport
    }

    /// A finding of `rule` at its configured severity, or nil when the rule is switched off.
    /// `context` widens the excerpt, not the span, by that many characters on each side.
    func finding(_ rule: String, _ span: Span, _ message: String, severity: Finding.Severity? = nil, context: Int = 0) -> Finding? {
        let setting = table.setting(rule)
        guard setting.enabled else { return nil }
        let shown = Span(max(0, span.start - context), min(scalars.count, span.end + context))
        return Finding(rule: rule, severity: severity ?? setting.severity, message: message, span: span, excerpt: excerpt(shown))
    }

    func isEnabled(_ rule: String) -> Bool { table.setting(rule).enabled }

    func text(_ span: Span) -> String {
        ScalarText.string(of: scalars[max(0, span.start)..<min(scalars.count, span.end)])
    }

    /// The span's text, shortened in the middle when long, newlines shown as spaces.
    func excerpt(_ span: Span, limit: Int = 80) -> String {
        func shown(_ part: Span) -> String {
            ScalarText.string(of: scalars[max(0, part.start)..<min(scalars.count, part.end)], newlinesAsSpaces: true)
        }
        guard span.length > limit else { return shown(span) }
        return shown(Span(span.start, span.start + limit / 2)) + "…" + shown(Span(span.end - limit / 2, span.end))
    }

    /// The line holding scalar `index`.
    func line(containing index: Int) -> Span {
        lines.first { $0.start <= index && index <= $0.end } ?? Span(0, scalars.count)
    }

    /// The sentence holding scalar `index`: bounded by 。！？；, a half-width ; and line ends.
    func sentence(containing index: Int) -> Span {
        var start = index
        while start > 0, !Self.isSentenceEnd(scalars[start - 1]) { start -= 1 }
        var end = index
        while end < scalars.count, !Self.isSentenceEnd(scalars[end]) { end += 1 }
        return Span(start, min(scalars.count, end + 1))
    }

    /// Whether `phrase` stands at `index`.
    func has(_ phrase: String, at index: Int) -> Bool {
        Self.matches(Array(phrase.unicodeScalars), at: index, in: scalars)
    }

    /// Every start of `phrase` within `span`.
    func occurrences(of phrase: String, in span: Span? = nil) -> [Int] {
        let range = span ?? Span(0, scalars.count)
        let needle = Array(phrase.unicodeScalars)
        guard let first = needle.first, needle.count <= range.length else { return [] }
        let text = scalars
        var starts: [Int] = []
        if range.length > 64 {
            for position in buckets.positions(of: first) {
                let index = Int(position)
                if index >= range.start, index + needle.count <= range.end, text[index] == first, Self.matches(needle, at: index, in: text) {
                    starts.append(index)
                }
            }
            return starts
        }
        for index in range.start...(range.end - needle.count) where text[index] == first && Self.matches(needle, at: index, in: text) {
            starts.append(index)
        }
        return starts
    }

    /// Whether `phrase` occurs within `span`.
    func contains(_ phrase: String, in span: Span) -> Bool {
        let needle = Array(phrase.unicodeScalars)
        guard let first = needle.first, needle.count <= span.length else { return needle.isEmpty }
        for index in span.start...(span.end - needle.count) where scalars[index] == first && Self.matches(needle, at: index, in: scalars) {
            return true
        }
        return false
    }

    /// Whether the scalars of `span` end with `phrase`.
    func hasSuffix(_ phrase: String, in span: Span) -> Bool {
        let needle = Array(phrase.unicodeScalars)
        return needle.count <= span.length && Self.matches(needle, at: span.end - needle.count, in: scalars)
    }

    /// The candidates ``occurrences(of:in:)`` checks in a long span.
    private(set) lazy var buckets = ScalarBuckets(scalars)

    private static func matches(_ needle: [Unicode.Scalar], at index: Int, in text: [Unicode.Scalar]) -> Bool {
        guard index + needle.count <= text.count else { return false }
        for offset in 1..<max(1, needle.count) where text[index + offset] != needle[offset] { return false }
        return needle.isEmpty || text[index] == needle[0]
    }

    /// The phrase of `phrases` ending exactly at `index`, longest first.
    func phrase(_ phrases: [String], endingAt index: Int) -> String? {
        phrases.filter { index - $0.unicodeScalars.count >= 0 && has($0, at: index - $0.unicodeScalars.count) }
            .max { $0.unicodeScalars.count < $1.unicodeScalars.count }
    }

    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "；", ";", "!", "?", "\n": true
        default: false
        }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x3007: true
        default: false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// The value of the ASCII digits of `span`, or nil when it is empty or holds anything else.
    func number(_ span: Span) -> Int? {
        guard span.start >= 0, span.end <= scalars.count, span.length > 0, span.length <= 18 else { return nil }
        var value = 0
        for index in span.start..<span.end {
            guard Self.isDigit(scalars[index]) else { return nil }
            value = value * 10 + Int(scalars[index].value - 48)
        }
        return value
    }

    /// The first `20XX` or `19XX` followed by 年 in `scalars`.
    static func firstYear(in scalars: [Unicode.Scalar]) -> Int? {
        guard scalars.count >= 5 else { return nil }
        for index in 0...(scalars.count - 5) where scalars[index + 4] == "年" {
            if let year = Int(String(String.UnicodeScalarView(scalars[index..<index + 4]))), (1980...2100).contains(year),
               index == 0 || !isDigit(scalars[index - 1]) {
                return year
            }
        }
        return nil
    }

    private static func isAnnualReport(title: String, scalars: [Unicode.Scalar], lines: [Span], table: AuditTable,
                                       hasTitle: Bool) -> Bool {
        let headEnd = lines.count > 1 ? min(scalars.count, lines[min(2, lines.count - 1)].end) : scalars.count
        let titleScalars = Array(title.unicodeScalars)
        func titleHas(_ phrase: String) -> Bool { firstIndex(of: Array(phrase.unicodeScalars), in: titleScalars, span: Span(0, titleScalars.count)) != nil }
        if table.personalMarkers.contains(where: { titleHas($0) || firstIndex(of: Array($0.unicodeScalars), in: scalars, span: Span(0, headEnd)) != nil }) {
            return false
        }
        if table.titlePhrases.contains(where: titleHas), table.titleEndings.contains(where: titleHas) { return true }
        guard !hasTitle || !titleHas("报告") else { return false }
        let mention = Array("法治政府建设".unicodeScalars)
        var mentions = 0
        var from = 0
        while mentions < table.bodyMentions, let found = firstIndex(of: mention, in: scalars, span: Span(from, scalars.count)) {
            mentions += 1
            from = found + mention.count
        }
        return mentions >= table.bodyMentions
    }

    /// The first start of `needle` in `text` within `span`.
    private static func firstIndex(of needle: [Unicode.Scalar], in text: [Unicode.Scalar], span: Span) -> Int? {
        guard let first = needle.first, needle.count <= span.length else { return nil }
        for index in span.start...(span.end - needle.count) where text[index] == first && matches(needle, at: index, in: text) {
            return index
        }
        return nil
    }
}
