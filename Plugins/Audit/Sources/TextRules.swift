import ReportKit

/// The surface of the text: doubled words, repeated passages, brackets, punctuation, spaces and date forms.
struct TextRules: AuditRule {
    var readsOnlyText: Bool { true }

    func findings(in report: AuditedReport) -> [Finding] {
        let doubled = doubledWords(in: report)
        return doubled + repeatedPassages(in: report, besides: doubled.map(\.span)) + brackets(in: report)
            + halfwidthPunctuation(in: report) + straySpaces(in: report) + dateForms(in: report) + outdatedTerms(in: report)
    }

    // MARK: outdated terms

    private func outdatedTerms(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.outdated-term") else { return [] }
        return report.table.outdatedTerms.flatMap { old, new in
            report.occurrences(of: old).compactMap { start in
                report.finding("text.outdated-term", Span(start, start + old.unicodeScalars.count),
                               "提法已更新：“\(old)”现一般写作“\(new)”。", context: 4)
            }
        }
    }

    // MARK: doubled words

    private func doubledWords(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.doubled-word") else { return [] }
        let scalars = report.scalars
        let maxLength = report.table.setting("text.doubled-word").maxLength
        let protected = report.table.setPhrases.flatMap { phrase in
            report.occurrences(of: phrase).map { Span($0, $0 + phrase.unicodeScalars.count) }
        }
        var found: [Span] = []
        var findings: [Finding] = []
        func covered(_ span: Span) -> Bool { found.contains { $0.start < span.end && span.start < $0.end } }
        // The starts where a unit of each length could repeat: its first scalar comes again right after it.
        var candidates = [[Int]](repeating: [], count: maxLength + 1)
        report.buckets.forEachGroup { group in
            // By index into the group's buffer: a `dropFirst` slice per position retained and released
            // the positions' storage each time, a third of this rule's time.
            group.withUnsafeBufferPointer { positions in
                for first in positions.indices {
                    let start = Int(positions[first])
                    for second in (first + 1)..<positions.count {
                        let later = Int(positions[second])
                        let length = later - start
                        guard length <= maxLength else { break }
                        if start + 2 * length <= scalars.count, scalars[start] == scalars[later] { candidates[length].append(start) }
                    }
                }
            }
        }
        for length in candidates.indices { candidates[length].sort() }
        for length in stride(from: maxLength, through: 1, by: -1) where 2 * length <= scalars.count {
            for start in candidates[length] {
                let middle = start + length
                guard (0..<length).allSatisfy({ scalars[start + $0] == scalars[middle + $0] }), isUnit(start, length, in: report) else { continue }
                let span = Span(start, middle + length)
                guard !covered(span), !protected.contains(where: { $0.start < middle && middle < $0.end }) else { continue }
                if length == 1, !isDoubledCharacter(at: start, in: report) { continue }
                if length == 2, scalars[start] == "一" { continue }
                found.append(span)
                let unit = report.text(Span(start, middle))
                findings += [report.finding("text.doubled-word", span, "字词重复：“\(unit)”连写了两遍。")].compactMap { $0 }
            }
        }
        for (first, second) in report.table.redundantPairs {
            for start in report.occurrences(of: first + second) {
                let span = Span(start, start + (first + second).unicodeScalars.count)
                guard !covered(span) else { continue }
                found.append(span)
                findings += [report.finding("text.doubled-word", span, "词语重复：“\(first)”与“\(second)”同义连用，应保留其一。")].compactMap { $0 }
            }
        }
        return findings
    }

    /// Han characters, digits or letters, with at most a separator at the end (a clause written twice).
    private func isUnit(_ start: Int, _ length: Int, in report: AuditedReport) -> Bool {
        let unit = report.scalars[start..<start + length]
        guard unit.contains(where: AuditedReport.isHan) else { return false }
        for (offset, scalar) in unit.enumerated() {
            if AuditedReport.isHan(scalar) || scalar.properties.isAlphabetic { continue }
            if AuditedReport.isDigit(scalar) { if length < 4 { return false } else { continue } }
            if offset == length - 1, length >= 5, "，,；;、".unicodeScalars.contains(scalar) { continue }
            return false
        }
        return true
    }

    /// A character written twice that is no reduplication (常常), no AABB (扎扎实实) and no word end meeting a word start (学习习近平).
    private func isDoubledCharacter(at start: Int, in report: AuditedReport) -> Bool {
        let scalars = report.scalars
        let character = scalars[start]
        guard AuditedReport.isHan(character) else { return false }
        if report.table.allowedDoubles.contains(String(character) + String(character)) { return false }
        if start + 3 < scalars.count, scalars[start + 2] == scalars[start + 3], scalars[start + 2] != character { return false }
        if start >= 2, scalars[start - 2] == scalars[start - 1], scalars[start - 1] != character { return false }
        guard start > 0, AuditedReport.isHan(scalars[start - 1]) else { return true }
        let leftWord = String(scalars[start - 1]) + String(character)
        let elsewhere = report.occurrences(of: leftWord).filter { $0 != start - 1 }
        return elsewhere.isEmpty
    }

    // MARK: repeated passages

    private func repeatedPassages(in report: AuditedReport, besides doubled: [Span]) -> [Finding] {
        guard report.isEnabled("text.repeated-passage") else { return [] }
        let scalars = report.scalars
        let minChars = report.table.setting("text.repeated-passage").minChars
        guard scalars.count >= 2 * minChars else { return [] }
        var firstAt = FirstWindows(capacity: scalars.count)
        var repeats: [(first: Int, later: Span)] = []
        let base: UInt64 = 1_000_003
        let highest = (1..<minChars).reduce(UInt64(1)) { power, _ in power &* base }
        func windowHash(at start: Int) -> UInt64 {
            scalars[start..<start + minChars].reduce(UInt64(0)) { $0 &* base &+ UInt64($1.value) }
        }
        func same(_ a: Int, _ b: Int) -> Bool { (0..<minChars).allSatisfy { scalars[a + $0] == scalars[b + $0] } }
        var index = 0
        var hash = windowHash(at: 0)
        var newlines = scalars[0..<minChars].filter { $0 == "\n" }.count
        while index + minChars <= scalars.count {
            var next = index + 1
            if newlines == 0 {
                let seen = firstAt.first(hash)
                if let first = seen, first + minChars <= index, same(first, index) {
                    var length = minChars
                    while index + length < scalars.count, scalars[first + length] == scalars[index + length],
                          scalars[index + length] != "\n", first + length < index { length += 1 }
                    repeats.append((first, Span(index, index + length)))
                    next = index + length
                } else if seen == nil {
                    firstAt.insert(hash, at: index)
                }
            }
            guard next + minChars <= scalars.count else { break }
            if next == index + 1 {
                hash = (hash &- UInt64(scalars[index].value) &* highest) &* base &+ UInt64(scalars[index + minChars].value)
                newlines += (scalars[index + minChars] == "\n" ? 1 : 0) - (scalars[index] == "\n" ? 1 : 0)
            } else {
                hash = windowHash(at: next)
                newlines = scalars[next..<next + minChars].filter { $0 == "\n" }.count
            }
            index = next
        }
        return repeats.compactMap { repeated in
            let span = trimmed(repeated.later, in: report)
            guard span.length >= minChars, contentLength(span, in: report) >= minChars,
                  !doubled.contains(where: { $0.contains(span) }) else { return nil }
            let line = report.lines.firstIndex { $0.contains(Span(repeated.first, repeated.first)) }.map { $0 + 1 } ?? 0
            return report.finding("text.repeated-passage", span, "段落重复：这段文字与第\(line)行的内容完全相同。")
        }
    }

    /// The span without separators at either end.
    private func trimmed(_ span: Span, in report: AuditedReport) -> Span {
        var start = span.start
        var end = span.end
        let loose = "，,、；;：: ".unicodeScalars
        while start < end, loose.contains(report.scalars[start]) || report.scalars[start] == "。" { start += 1 }
        while end > start, loose.contains(report.scalars[end - 1]) { end -= 1 }
        return Span(start, end)
    }

    /// Han characters of the span outside 《》 titles and stock phrases: a list of the same laws,
    /// or 习近平新时代中国特色社会主义思想 written again, is no repeated passage.
    private func contentLength(_ span: Span, in report: AuditedReport) -> Int {
        var stock = Set<Int>()
        for phrase in report.table.stockPhrases {
            for start in report.occurrences(of: phrase, in: span) { stock.formUnion(start..<start + phrase.unicodeScalars.count) }
        }
        var depth = 0
        var count = 0
        for index in span.start..<span.end {
            let scalar = report.scalars[index]
            if scalar == "《" {
                depth += 1
            } else if scalar == "》" {
                depth = max(0, depth - 1)
            } else if depth == 0, AuditedReport.isHan(scalar), !stock.contains(index) {
                count += 1
            }
        }
        return count
    }

    // MARK: brackets

    private static let pairs: [Unicode.Scalar: Unicode.Scalar] = ["《": "》", "“": "”", "(": ")", "（": "）", "【": "】", "‘": "’"]
    private static let closers: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: pairs.map { ($0.value, $0.key) })

    /// One of the scalars of ``pairs``, either half, or a straight quote.
    private static func isBracket(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "《", "》", "“", "”", "(", ")", "（", "）", "【", "】", "‘", "’": true
        default: false
        }
    }

    private func brackets(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.unbalanced-brackets") else { return [] }
        var findings: [Finding] = []
        for line in paragraphs(of: report) {
            var open: [(Unicode.Scalar, Int)] = []
            var unmatched: [(Unicode.Scalar, Int, Bool)] = []
            var straightQuotes: [Int] = []
            for index in line.start..<line.end {
                let scalar = report.scalars[index]
                if scalar == "\"" { straightQuotes.append(index) }
                guard Self.isBracket(scalar) else { continue }
                if Self.pairs[scalar] != nil {
                    open.append((scalar, index))
                } else if let opener = Self.closers[scalar] {
                    if let depth = open.lastIndex(where: { $0.0 == opener }) {
                        unmatched += open[(depth + 1)...].map { ($0.0, $0.1, true) }
                        open.removeSubrange(depth...)
                    } else if !isListMarker(closing: index, in: report, line: line) {
                        unmatched.append((scalar, index, false))
                    }
                }
            }
            unmatched += open.map { ($0.0, $0.1, true) }
            if straightQuotes.count % 2 == 1, let last = straightQuotes.last { unmatched.append(("\"", last, true)) }
            for (scalar, index, isOpener) in unmatched.sorted(by: { $0.1 < $1.1 }) {
                let span = isOpener ? Span(index, clauseEnd(after: index, in: report, limit: line.end)) : Span(max(line.start, index - 12), index + 1)
                let message = isOpener ? "括号或引号不成对：“\(scalar)”没有对应的后半。" : "括号或引号不成对：“\(scalar)”没有对应的前半。"
                findings += [report.finding("text.unbalanced-brackets", span, message)].compactMap { $0 }
            }
        }
        return findings
    }

    /// Lines joined where a long line breaks off mid-sentence (text taken from a PDF's hard-wrapped lines).
    private func paragraphs(of report: AuditedReport) -> [Span] {
        var paragraphs: [Span] = []
        var joining = false
        for line in report.lines {
            if joining, let last = paragraphs.popLast() {
                paragraphs.append(Span(last.start, line.end))
            } else {
                paragraphs.append(line)
            }
            let end = line.end > line.start ? report.scalars[line.end - 1] : "。"
            joining = line.length >= 30 && (AuditedReport.isHan(end) || "，,、《“(（".unicodeScalars.contains(end))
        }
        return paragraphs
    }

    /// `1)` or `一)` opening a line is a list marker, not half a pair; with `opening`, so are `一、` and `(一)`.
    private func isListMarker(closing index: Int, in report: AuditedReport, line: Span, opening: Bool = false) -> Bool {
        guard index >= line.start else { return false }
        if opening, !"、)）.．".unicodeScalars.contains(report.scalars[index]) { return false }
        let before = report.scalars[line.start..<index].filter { $0 != " " && $0 != "\u{3000}" && !(opening && ($0 == "(" || $0 == "（")) }
        return !before.isEmpty && before.count <= 3 && before.allSatisfy { AuditedReport.isDigit($0) || "一二三四五六七八九十abcdefghABCDEFGH".unicodeScalars.contains($0) }
    }

    /// Up to the end of the clause after `index`, at most 20 characters on.
    private func clauseEnd(after index: Int, in report: AuditedReport, limit: Int) -> Int {
        var end = index + 1
        while end < min(limit, index + 20), !"，,。；;！？\n".unicodeScalars.contains(report.scalars[end]) { end += 1 }
        return end
    }

    // MARK: half-width punctuation

    private func halfwidthPunctuation(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.halfwidth-punctuation") else { return [] }
        let scalars = report.scalars
        func besideHan(_ index: Int) -> Bool {
            (index > 0 && AuditedReport.isHan(scalars[index - 1])) || (index + 1 < scalars.count && AuditedReport.isHan(scalars[index + 1]))
        }
        var full = 0
        var half = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar == "，" { full += 1 } else if scalar == ",", besideHan(index) { half += 1 }
        }
        guard half > 0, Double(half) <= report.table.setting("text.halfwidth-punctuation").maxShare * Double(half + full) else { return [] }
        func isMark(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case ",", ";", ":", "?", "!", "\"": true
            default: false
            }
        }
        return scalars.indices.compactMap { index in
            guard isMark(scalars[index]), besideHan(index),
                  !(index > 0 && AuditedReport.isDigit(scalars[index - 1]) && index + 1 < scalars.count && AuditedReport.isDigit(scalars[index + 1])) else { return nil }
            let full = ["," : "，", ";": "；", ":": "：", "?": "？", "!": "！", "\"": "“”"][String(scalars[index])] ?? ""
            return report.finding("text.halfwidth-punctuation", Span(index, index + 1),
                                  "中文中夹用半角标点“\(scalars[index])”，应为全角“\(full)”。", context: 4)
        }
    }

    // MARK: spaces

    private func straySpaces(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.stray-space") else { return [] }
        let scalars = report.scalars
        let punctuation: Set<Unicode.Scalar> = Set("，。、；：！？”’）》】,.;:!?)".unicodeScalars)
        let openers: Set<Unicode.Scalar> = Set("“‘（《【(".unicodeScalars)
        var findings: [Finding] = []
        for line in report.lines {
            var first = line.start
            while first < line.end, Self.isSpace(scalars[first]) { first += 1 }
            var last = line.end
            while last > first, Self.isSpace(scalars[last - 1]) { last -= 1 }
            var index = first
            var depth = 0
            while index < last {
                let scalar = scalars[index]
                if scalar == "《" || scalar == "“" { depth += 1 }
                if scalar == "》" || scalar == "”" { depth = max(0, depth - 1) }
                guard Self.isSpace(scalar) else { index += 1; continue }
                var end = index
                while end < last, Self.isSpace(scalars[end]) { end += 1 }
                let left = scalars[index - 1]
                let right = scalars[end]
                let cjkLeft = AuditedReport.isHan(left) || punctuation.contains(left) || openers.contains(left)
                let cjkRight = AuditedReport.isHan(right) || punctuation.contains(right)
                let byPunctuation = (punctuation.contains(right) && AuditedReport.isHan(left))
                    || ((punctuation.contains(left) || openers.contains(left)) && AuditedReport.isHan(right))
                    || (punctuation.contains(left) && punctuation.contains(right))
                let inSentence = AuditedReport.isHan(left) && AuditedReport.isHan(right) && depth == 0 && line.length >= 40
                let afterMarker = isListMarker(closing: index - 1, in: report, line: Span(first, last), opening: true)
                if cjkLeft, cjkRight, byPunctuation || inSentence, !afterMarker, left != ".", !(left == "," && AuditedReport.isDigit(right)) {
                    findings += [report.finding("text.stray-space", Span(index, end), "中文行文中多余的空格。", context: 4)].compactMap { $0 }
                }
                index = end
            }
        }
        return findings
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\u{3000}" || scalar == "\t" }

    // MARK: date forms

    private func dateForms(in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("text.date-forms") else { return [] }
        let scalars = report.scalars
        var byDay: [String: [(form: String, span: Span)]] = [:]
        var index = 0
        while index < scalars.count {
            guard AuditedReport.isDigit(scalars[index]), index == 0 || !(AuditedReport.isDigit(scalars[index - 1]) || scalars[index - 1] == ".") else {
                index += 1
                continue
            }
            guard let (month, separator, day, end) = monthDay(at: index, in: report), (1...12).contains(month), (1...31).contains(day) else {
                index += 1
                continue
            }
            var after = end
            if after < scalars.count, "”\"’".unicodeScalars.contains(scalars[after]) { after += 1 }
            let following = Span(after, min(scalars.count, after + 8))
            if report.table.dayNames.contains(where: { name in report.occurrences(of: name, in: following).first.map { $0 - after <= 3 } == true }) {
                byDay["\(month)-\(day)", default: []].append((separator, Span(index, end)))
            }
            index = end
        }
        var findings: [Finding] = []
        for (_, uses) in byDay.sorted(by: { $0.value[0].span < $1.value[0].span }) {
            let forms = uses.map { report.text($0.span) }
            guard Set(uses.map(\.form)).count > 1 else { continue }
            var seen: Set<String> = []
            let distinct = forms.filter { seen.insert($0).inserted }
            for use in uses {
                findings += [report.finding("text.date-forms", use.span,
                                            "同一日期写法不一：\(distinct.joined(separator: "、"))，全文应统一。")].compactMap { $0 }
            }
        }
        return findings
    }

    /// `12.4`, `12・4`, `12·4`, `12/4` or `12月4日` at `index`: month, the separator, day and the end.
    private func monthDay(at index: Int, in report: AuditedReport) -> (Int, String, Int, Int)? {
        let scalars = report.scalars
        var position = index
        while position < scalars.count, position - index < 2, AuditedReport.isDigit(scalars[position]) { position += 1 }
        guard position > index, position < scalars.count, let month = report.number(Span(index, position)) else { return nil }
        let separator = scalars[position]
        guard ".・·•/月".unicodeScalars.contains(separator) else { return nil }
        let dayStart = position + 1
        var end = dayStart
        while end < scalars.count, end - dayStart < 2, AuditedReport.isDigit(scalars[end]) { end += 1 }
        guard end > dayStart, end >= scalars.count || !AuditedReport.isDigit(scalars[end]), let day = report.number(Span(dayStart, end)) else { return nil }
        if separator == "月" {
            guard end < scalars.count, scalars[end] == "日" else { return nil }
            return (month, "月日", day, end + 1)
        }
        if end < scalars.count, "%.".unicodeScalars.contains(scalars[end]) { return nil }
        return (month, String(separator), day, end)
    }
}
