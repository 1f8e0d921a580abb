import ReportKit

/// One linear pass over a text's scalars that finds every metric in it, without section paths.
struct MetricScan {
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
    mutating func run() -> [Metric] {
        var index = 0
        var titleDepth = 0
        while index < text.count {
            let scalar = text[index]
            if scalar == "《" {
                titleDepth += 1
            } else if scalar == "》" {
                titleDepth = max(0, titleDepth - 1)
            } else if scalar == "\n" {
                titleDepth = 0
            } else if titleDepth == 0, NumberReader.startsNumber(scalar) {
                index = max(index + 1, scanNumber(at: index))
                continue
            }
            index += 1
        }
        return metrics
    }

    /// Reads the number at `start` and records its metric if it makes one; returns where to go on.
    private mutating func scanNumber(at start: Int) -> Int {
        if let end = tables.setPhrases.phraseEnd(numberAt: start, in: text) { return end }
        if hasWord("百分之", at: start), start + 3 < text.count, NumberReader.startsNumber(text[start + 3]),
           let number = NumberReader.read(at: start + 3, in: text) {
            return record(Claim(start: start, numberStart: start, value: number.readings.last!.value, unitEnd: number.end,
                                unit: MetricUnit(name: "%", kind: .percent, factor: 0.01)), lone: false) ?? number.end
        }
        guard let number = NumberReader.read(at: start, in: text) else {
            var end = start
            while end < text.count, NumberReader.startsNumber(text[end]) { end += 1 }
            return end
        }
        if isGlued(before: start) || tables.setPhrases.followsOrdinalPrefix(start, in: text) || isSlogan(number) {
            return number.end
        }
        if number.isLoneNumeral, let digit = ChineseNumeral.digit(text[start]), digit < 2 || text[start] == "二" {
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
        if tables.units.isYearWord(at: main.end, in: text), main.couldBeYear || low?.couldBeYear == true {
            return main.end
        }
        for reading in main.readings {
            if let fraction = fraction(denominator: reading, of: main, start: start) { return fraction }
            guard var claim = claim(for: reading) else { continue }
            claim.start = start
            claim.numberStart = start
            if let low {
                let lowValue = low.readings.last!.value
                claim.value = low.readings.count == 1 ? lowValue.timesPowerOfTen(reading.scale) : lowValue
                claim.isRange = true
            }
            return record(claim, lone: number.isLoneNumeral && ChineseNumeral.multiplier(text[start]) ?? 0 >= 100) ?? main.end
        }
        return main.end
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

    /// The unit at this reading's place, with a 余/多 between number and unit and a 以上 after it.
    private func claim(for reading: NumberToken.Reading) -> Claim? {
        var position = reading.unitStart
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
    private mutating func fraction(denominator reading: NumberToken.Reading, of number: NumberToken, start: Int) -> Int? {
        let position = reading.unitStart
        guard hasWord("分之", at: position), position + 2 < text.count, NumberReader.startsNumber(text[position + 2]),
              let numerator = NumberReader.read(at: position + 2, in: text), reading.value.mantissa != 0 else { return nil }
        var claim = Claim(start: start, numberStart: start, value: numerator.readings.last!.value, unitEnd: numerator.end, unit: nil)
        claim.fraction = numerator.readings.last!.value.double / reading.value.double
        if let qualifier = tables.qualifiers.after(at: numerator.end, in: text) {
            claim.unitEnd += qualifier.length
            claim.after = qualifier.qualifier
        }
        return record(claim, lone: false) ?? numerator.end
    }

    /// Adds the metric of `claim` with its qualifier, kind, counted phrase and text; nil when it makes none.
    private mutating func record(_ claim: Claim, lone: Bool) -> Int? {
        var claim = claim
        if claim.unitEnd < text.count, text[claim.unitEnd] == "+" || Self.isASCIILetter(text[claim.unitEnd]) { return nil }
        let floor = max(lastMetricEnd, claim.numberStart - 6)
        let before = tables.qualifiers.before(endingAt: claim.numberStart, in: text, floor: floor)
        if lone, before == nil { return nil }
        if let before { claim.start -= before.length }
        let clauseStart = clauseStart(before: claim.start, floor: max(0, claim.start - 60))
        let hardStart = max(clauseStart, lastMetricEnd)
        let listBreak = (hardStart..<claim.start).last(where: { text[$0] == "、" })
        let softStart = listBreak.map { $0 + 1 } ?? hardStart
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
                                                      keepsTrailingVerb: kind != .count || tables.countedWords.countsOccasions(claim.unit))
        }
        var counted = countedRange.map { string($0) }
        if counted == nil, kind == .growth { counted = countedInSentence(before: claim.start) }
        let value = claim.value.double
        var normalized: Double?
        if let factor = claim.unit?.factor { normalized = claim.value.times(factor) }
        if let fraction = claim.fraction { normalized = fraction }
        var metric = Metric(value: claim.fraction ?? value, unit: claim.unit?.name ?? (claim.fraction == nil ? nil : "分之"),
                            qualifier: qualifier?.word ?? (claim.isRange ? "至" : nil), approx: approx,
                            normalized: normalized, kind: kind, counted: counted, span: span, text: string(span.start..<span.end))
        for part in sharedBy(counted, qualifier: qualifier) {
            metric.counted = part
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

    /// The counted phrases one value stands for: 参与率和合格率均达100% is two metrics.
    private func sharedBy(_ counted: String?, qualifier: Qualifier?) -> [String?] {
        guard splitSharedRates, let counted, qualifier?.word.hasPrefix("均") == true else { return [counted] }
        var parts = counted.split(separator: "和").map(String.init)
        if parts.count < 2 { parts = counted.split(separator: "、").map(String.init) }
        parts = parts.compactMap { part in part.split(separator: "、").last.map(String.init) }.filter { !$0.isEmpty }
        return parts.count > 1 ? parts : [counted]
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
        guard end > floor, "了为是".unicodeScalars.contains(text[end - 1]) else { return false }
        return cues.match(endingAt: end - 1, in: text, floor: floor) != nil
    }

    private func clauseStart(before end: Int, floor: Int) -> Int {
        var index = end
        while index > floor, !TextBreaks.isClauseBreak(text[index - 1]) { index -= 1 }
        return index
    }

    /// A number glued to letters, digits or signs is part of a code, a time or a formula (5G, 12:05, 1+10).
    private func isGlued(before start: Int) -> Bool {
        guard start > 0 else { return false }
        let previous = text[start - 1]
        return Self.isASCIILetter(previous) || NumberReader.isDigit(previous) || "/+-_.#&@".unicodeScalars.contains(previous)
    }

    /// A Chinese numeral opening a short quoted slogan (“两个确立”, “四个意识”).
    private func isSlogan(_ number: NumberToken) -> Bool {
        guard number.isChinese, number.start > 0, text[number.start - 1] == "“" || text[number.start - 1] == "\"" else { return false }
        let limit = min(text.count, number.start + 8)
        return (number.end..<limit).contains { text[$0] == "”" || text[$0] == "\"" }
    }

    private func hasWord(_ word: String, at start: Int) -> Bool {
        var index = start
        for scalar in word.unicodeScalars {
            guard index < text.count, text[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
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
