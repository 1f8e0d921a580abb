import ReportKit

/// One linear pass over a text's scalars that finds every metric in it, without section paths.
///
/// A class, so the scan's own state is the only thing that changes under it and the tables it
/// reads are borrowed, not retained, on every lookup.
final class MetricScan {
    let text: [Unicode.Scalar]
    let tables: MetricTables
    let splitSharedRates: Bool
    private var metrics: [Metric] = []
    private var lastMetricEnd = 0

    init(text: [Unicode.Scalar], tables: MetricTables, splitSharedRates: Bool) {
        self.text = text
        self.tables = tables
        self.splitSharedRates = splitSharedRates
    }

    /// Every metric of the text in order, numbers inside 《…》 left out.
    func run() -> [Metric] {
        metrics.reserveCapacity(text.count / 32)
        var index = 0
        var titleDepth = 0
        let numberStarts = NumberReader.numberStarts
        while index < text.count {
            let scalar = text[index]
            if scalar == "《" {
                titleDepth += 1
            } else if scalar == "》" {
                titleDepth = max(0, titleDepth - 1)
            } else if scalar == "\n" {
                titleDepth = 0
            } else if titleDepth == 0, numberStarts.contains(scalar) {
                index = max(index + 1, scanNumber(at: index))
                continue
            }
            index += 1
        }
        return metrics
    }

    /// Reads the number at `start` and records its metric if it makes one; returns where to go on.
    private func scanNumber(at start: Int) -> Int {
        if isLoneNumeralWithoutUnit(at: start) { return start + 1 }
        if let end = tables.setPhrases.phraseEnd(numberAt: start, in: text) { return end }
        if text[start] == "百", start + 3 < text.count, text[start + 1] == "分", text[start + 2] == "之", NumberReader.startsNumber(text[start + 3]),
           let number = NumberReader.read(at: start + 3, in: text) {
            return record(Claim(start: start, numberStart: start, value: number.value, unitEnd: number.end,
                                unit: MetricUnit(name: "%", kind: .percent, factor: 0.01)), lone: false) ?? number.end
        }
        guard let number = NumberReader.read(at: start, in: text) else {
            var end = start
            while end < text.count, NumberReader.startsNumber(text[end]) { end += 1 }
            return end
        }
        let wordBefore = start > 0 && text[start - 1] == " " ? start - 1 : start
        if isGlued(before: start) || tables.setPhrases.followsOrdinalPrefix(wordBefore, in: text) || isSlogan(number) {
            return number.end
        }
        if number.isLoneNumeral, let digit = ChineseNumeral.digit(text[start]), digit == 0 || digit == 2 && text[start] != "两" {
            return number.end
        }
        var low: NumberToken?
        var main = number
        if number.end + 1 < text.count, Self.isRangeSeparator(text[number.end]),
           NumberReader.startsNumber(text[number.end + 1]),
           let high = NumberReader.read(at: number.end + 1, in: text), high.isChinese == number.isChinese {
            low = number
            main = high
        }
        let wordAfter = main.end < text.count && text[main.end] == " " ? main.end + 1 : main.end
        if tables.units.isYearWord(at: wordAfter, in: text), main.couldBeYear || low?.couldBeYear == true {
            return main.end
        }
        for index in 0..<main.readingCount {
            let reading = main.reading(index)
            if let fraction = fraction(denominator: reading, of: main, start: start) { return fraction }
            guard var claim = claim(for: reading) else { continue }
            claim.start = start
            claim.numberStart = start
            if let low {
                claim.value = low.readingCount == 1 ? low.value.timesPowerOfTen(reading.scale) : low.value
                claim.isRange = true
            }
            let needsQualifier = number.isLoneNumeral && low == nil
                && (ChineseNumeral.digit(text[start]) == 1 || ChineseNumeral.multiplier(text[start]) ?? 0 >= 100)
            return record(claim, lone: needsQualifier) ?? main.end
        }
        return recordWithoutUnit(main, low: low, start: start) ?? main.end
    }

    /// An Arabic number with 万 or 亿 and no unit (惠及群众4.2万) is still a count.
    private func recordWithoutUnit(_ number: NumberToken, low: NumberToken?, start: Int) -> Int? {
        let reading = number.reading(number.readingCount - 1)
        guard !number.isChinese, reading.scale >= 4 else { return nil }
        var claim = Claim(start: start, numberStart: start, value: reading.value, unitEnd: number.end, unit: nil)
        if let qualifier = tables.qualifiers.after(at: number.end, in: text) {
            claim.unitEnd += qualifier.length
            claim.after = qualifier.qualifier
        }
        if let low {
            claim.value = low.readingCount == 1 ? low.value.timesPowerOfTen(reading.scale) : low.value
            claim.isRange = true
        }
        return record(claim, lone: false)
    }

    /// A number and its unit, before qualifiers and the words around it are read.
    private struct Claim {
        var start: Int
        var numberStart: Int
        var value: ExactDecimal
        var unitEnd: Int
        var unit: MetricUnit?
        var after: Qualifier?
        var isRange = false
        var fraction: Double?
    }

    /// The unit at this reading's place, with a 余/多 between number and unit and a 以上 after it;
    /// one space may stand between number and unit, as scraped pages write them (12 件).
    private func claim(for reading: NumberToken.Reading) -> Claim? {
        var position = reading.unitStart
        if position + 1 < text.count, text[position] == " ", !NumberReader.isDigit(text[position + 1]) { position += 1 }
        var after: Qualifier?
        var found = tables.units.unit(at: position, in: text)
        if found == nil, let qualifier = tables.qualifiers.after(at: position, in: text) {
            position += qualifier.length
            after = qualifier.qualifier
            found = tables.units.unit(at: position, in: text)
        }
        guard let (length, unit) = found else { return nil }
        if tables.setPhrases.isNotUnit(at: reading.unitStart, in: text) { return nil }
        var end = position + length
        if let qualifier = tables.qualifiers.after(at: end, in: text) {
            end += qualifier.length
            after = after ?? qualifier.qualifier
        }
        return Claim(start: 0, numberStart: 0, value: reading.value, unitEnd: end, unit: unit, after: after)
    }

    /// 三分之一 and 2分之1: a ratio.
    private func fraction(denominator reading: NumberToken.Reading, of number: NumberToken, start: Int) -> Int? {
        let position = reading.unitStart
        guard position + 2 < text.count, text[position] == "分", text[position + 1] == "之", NumberReader.startsNumber(text[position + 2]),
              let numerator = NumberReader.read(at: position + 2, in: text), reading.value.mantissa != 0 else { return nil }
        var claim = Claim(start: start, numberStart: start, value: numerator.value, unitEnd: numerator.end, unit: nil)
        claim.fraction = numerator.value.double / reading.value.double
        if let qualifier = tables.qualifiers.after(at: numerator.end, in: text) {
            claim.unitEnd += qualifier.length
            claim.after = qualifier.qualifier
        }
        return record(claim, lone: false) ?? numerator.end
    }

    /// Adds the metric of `claim` with its qualifier, kind, counted phrase and text; nil when it makes none.
    ///
    /// A `lone` numeral (一, 百, 千) makes a metric only after a qualifier (仅有一名, 近百条), or for
    /// 百/千/万 before 余/多 (百余人); 一次性 and 千家万户 make none.
    private func record(_ claim: Claim, lone: Bool) -> Int? {
        var claim = claim
        if claim.unitEnd < text.count, text[claim.unitEnd] == "+" || Self.isASCIILetter(text[claim.unitEnd]) { return nil }
        let floor = max(lastMetricEnd, claim.numberStart - 6)
        let before = tables.qualifiers.before(endingAt: claim.numberStart, in: text, floor: floor)
        if lone, before == nil, claim.after == nil || ChineseNumeral.digit(text[claim.numberStart]) != nil { return nil }
        if let before { claim.start -= before.length }
        let clauseStart = clauseStart(before: claim.start, floor: max(0, claim.start - 60))
        let hardStart = max(clauseStart, lastMetricEnd)
        var softStart = claim.start
        while softStart > hardStart, text[softStart - 1] != "、" { softStart -= 1 }
        let countedStart = lastMetricEnd > clauseStart ? softStart : hardStart

        let span = Span(claim.start, claim.unitEnd)
        let kind = kind(of: claim, clause: clauseStart..<claim.start)
        var qualifier = before?.qualifier ?? claim.after
        if qualifier == nil { qualifier = tables.qualifiers.clauseQualifier(in: clauseStart..<claim.start, of: text) }
        let approx = claim.isRange || before?.qualifier.approx == true || claim.after?.approx == true
        var countedRange: Range<Int>?
        if kind == .count || kind == .money { countedRange = tables.countedWords.after(claim.unitEnd, in: text) }
        if countedRange == nil {
            countedRange = tables.countedWords.before(countedStart..<claim.start, listStart: hardStart, in: text,
                                                      trailing: tables.trailingWords,
                                                      keepsTrailingVerb: kind != .count || claim.unit?.countsOccasions == true)
        }
        var counted = countedRange.map { string($0) }
        if counted == nil, kind == .growth { counted = countedInSentence(before: claim.start) }
        let parts = splitSharedRates && qualifier?.isShared == true ? countedRange.flatMap(sharedBy) : nil
        let value = claim.value.double
        var normalized: Double?
        if let factor = claim.unit?.factor { normalized = claim.value.times(factor) }
        if let fraction = claim.fraction { normalized = fraction }
        let metric = Metric(value: claim.fraction ?? value, unit: claim.unit?.name ?? (claim.fraction == nil ? nil : "分之"),
                            qualifier: qualifier?.word ?? (claim.isRange ? "至" : nil), approx: approx,
                            normalized: normalized, kind: kind, counted: counted, span: span, text: string(span.start..<span.end))
        if let parts {
            for part in parts {
                var shared = metric
                shared.counted = string(part)
                metrics.append(shared)
            }
        } else {
            metrics.append(metric)
        }
        lastMetricEnd = claim.unitEnd
        return claim.unitEnd
    }

    /// What the last metric of the same sentence counted, for a growth rate that names nothing (增长18.0%).
    private func countedInSentence(before start: Int) -> String? {
        var end = start
        for metric in metrics.reversed() {
            if (metric.span.end..<end).contains(where: { TextBreaks.isSentenceBreak(text[$0]) }) { return nil }
            if let counted = metric.counted { return counted }
            end = metric.span.start
        }
        return nil
    }

    /// The counted phrases one value stands for (参与率和合格率均达100% is two metrics); nil for one.
    ///
    /// The phrase splits at 和, else at 、; of a part holding a 、 only what follows the last one is kept.
    private func sharedBy(_ counted: Range<Int>) -> [Range<Int>]? {
        var separator: Unicode.Scalar = "和"
        if !counted.contains(where: { text[$0] == separator }) { separator = "、" }
        var parts: [Range<Int>] = []
        var start = counted.lowerBound
        for index in counted where text[index] == separator {
            parts.append(start..<index)
            start = index + 1
        }
        parts.append(start..<counted.upperBound)
        parts = parts.map { part in
            (part.lowerBound..<part.upperBound).last(where: { text[$0] == "、" }).map { ($0 + 1)..<part.upperBound } ?? part
        }.filter { !$0.isEmpty }
        return parts.count > 1 ? parts : nil
    }

    private func kind(of claim: Claim, clause: Range<Int>) -> Metric.Kind {
        if claim.fraction != nil { return .ratio }
        guard let unit = claim.unit else { return .count }
        switch unit.kind {
        case .count: return .count
        case .money: return .money
        case .percent, .multiple:
            if cue(tables.growthCues, endingAt: claim.start, floor: clause.lowerBound) { return .growth }
            if cue(tables.ratioCues, endingAt: claim.start, floor: clause.lowerBound) || clause.contains(where: { text[$0] == "占" }) {
                return .ratio
            }
            return unit.kind == .multiple ? .ratio : .percent
        }
    }

    /// Whether a cue ends right before `end`, or before a 了, 为 or 是 there.
    private func cue(_ cues: ScalarPhraseSet<Bool>, endingAt end: Int, floor: Int) -> Bool {
        if cues.match(endingAt: end, in: text, floor: floor) != nil { return true }
        guard end > floor, text[end - 1] == "了" || text[end - 1] == "为" || text[end - 1] == "是" else { return false }
        return cues.match(endingAt: end - 1, in: text, floor: floor) != nil
    }

    private func clauseStart(before end: Int, floor: Int) -> Int {
        var index = end
        while index > floor, !TextBreaks.isClauseBreak(text[index - 1]) { index -= 1 }
        return index
    }

    /// A single Chinese numeral with no unit, qualifier, range or second number after it (统一, 一是):
    /// the common case, answered before anything is read.
    private func isLoneNumeralWithoutUnit(at start: Int) -> Bool {
        guard !NumberReader.isDigit(text[start]) else { return false }
        let next = start + 1
        guard next < text.count else { return true }
        let following = text[next]
        if NumberReader.startsNumber(following) || Self.isRangeSeparator(following) || following == " " { return false }
        return !tables.units.startsUnit(at: next, in: text) && tables.qualifiers.after(at: next, in: text) == nil
    }

    /// A number glued to letters, digits or signs is part of a code, a time or a formula (5G, 12:05, 1+10).
    private func isGlued(before start: Int) -> Bool {
        guard start > 0 else { return false }
        let previous = text[start - 1]
        switch previous {
        case "/", "+", "-", "_", ".", "#", "&", "@": return true
        default: return Self.isASCIILetter(previous) || NumberReader.isDigit(previous)
        }
    }

    /// A Chinese numeral opening a short quoted slogan (“两个确立”, “四个意识”).
    private func isSlogan(_ number: NumberToken) -> Bool {
        guard number.isChinese, number.start > 0, text[number.start - 1] == "“" || text[number.start - 1] == "\"" else { return false }
        let limit = min(text.count, number.start + 8)
        return (number.end..<limit).contains { text[$0] == "”" || text[$0] == "\"" }
    }

    private func string(_ range: Range<Int>) -> String {
        ScalarText.string(of: text[range])
    }

    private static func isRangeSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "至", "到", "-", "~", "～", "—", "–", "－": true
        default: false
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) &- 97 < 26
    }
}
