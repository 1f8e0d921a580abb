/// What a unit measures, which decides the kind of the metric it ends.
public enum UnitKind: String, Sendable {
    case count, money, percent, multiple
}

/// A unit as the table defines it: its name, what it measures, and its factor (to yuan, or to a fraction).
public struct MetricUnit: Sendable, Equatable {
    public let name: String
    public let kind: UnitKind
    public let factor: Double?
    /// It counts occasions (次, 期, 场): the verb right before the number is part of what is counted.
    public var countsOccasions = false

    init(name: String, kind: UnitKind, factor: Double?, countsOccasions: Bool = false) {
        self.name = name
        self.kind = kind
        self.factor = factor
        self.countsOccasions = countsOccasions
    }
}

/// The units a number may carry, matched longest first, and the words that make a number before them a year.
public final class UnitTable: Sendable {
    let units: ScalarPhraseSet<MetricUnit>
    let years: ScalarPhraseSet<Bool>

    public init(count: [String], money: [String: Double], percent: [String: Double], multiple: [String],
                forms: [String: String], years: [String], occasions: [String] = []) throws {
        var byName: [String: MetricUnit] = [:]
        let occasions = Set(occasions)
        for name in count {
            byName[name] = MetricUnit(name: name, kind: .count, factor: nil, countsOccasions: occasions.contains(name))
        }
        for name in multiple { byName[name] = MetricUnit(name: name, kind: .multiple, factor: nil) }
        for (name, factor) in money { byName[name] = MetricUnit(name: name, kind: .money, factor: factor) }
        for (name, factor) in percent { byName[name] = MetricUnit(name: name, kind: .percent, factor: factor) }
        var written = byName.map { ($0.key, $0.value) }
        for (form, name) in forms.sorted(by: { $0.key < $1.key }) {
            guard let unit = byName[name] else {
                throw MetricTableError(message: "units.forms: \(form) stands for \(name), which is no unit of the table")
            }
            written.append((form, unit))
        }
        units = ScalarPhraseSet(written)
        self.years = ScalarPhraseSet(years)
    }

    /// The longest unit written at `start`.
    func unit(at start: Int, in text: [Unicode.Scalar]) -> (length: Int, unit: MetricUnit)? {
        units.match(at: start, in: text).map { ($0.length, $0.payload) }
    }

    /// Whether a unit starts at `start`.
    func startsUnit(at start: Int, in text: [Unicode.Scalar]) -> Bool {
        units.matches(at: start, in: text)
    }

    /// Whether a year word (年, 年度) is written at `start`.
    func isYearWord(at start: Int, in text: [Unicode.Scalar]) -> Bool {
        years.match(at: start, in: text) != nil
    }
}
