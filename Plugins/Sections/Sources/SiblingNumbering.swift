import ReportKit

/// The numbers written so far among the siblings of one marker style, and what is irregular about the next.
struct SiblingNumbering {
    private(set) var seen: Set<Int> = []
    private(set) var highest = 0

    var isEmpty: Bool { seen.isEmpty }

    /// Records `number` and returns its anomaly, if any; the expected number is one past the highest so far.
    mutating func record(_ number: Int, span: Span) -> SectionAnomaly? {
        defer {
            seen.insert(number)
            highest = max(highest, number)
        }
        let expected = highest + 1
        if seen.contains(number) {
            return SectionAnomaly(kind: .repeated, expected: expected, found: number, span: span)
        }
        if number < highest {
            return SectionAnomaly(kind: .outOfOrder, expected: expected, found: number, span: span)
        }
        if number > expected {
            return SectionAnomaly(kind: .skipped, expected: expected, found: number, span: span)
        }
        return nil
    }
}

/// The sibling numbering of each marker style under one parent.
struct SiblingNumberings {
    private var byStyle: [MarkerStyle: SiblingNumbering] = [:]

    func hasSeen(_ style: MarkerStyle) -> Bool { !(byStyle[style]?.isEmpty ?? true) }

    mutating func record(_ number: Int, style: MarkerStyle, span: Span) -> SectionAnomaly? {
        byStyle[style, default: SiblingNumbering()].record(number, span: span)
    }
}
