import Foundation
import TOMLKit

/// The reviewer-editable tables of the metrics processor (config/metrics.toml), compiled.
public final class MetricTables: Sendable {
    public let units: UnitTable
    public let qualifiers: QualifierTable
    public let setPhrases: SetPhraseTable
    let growthCues: ScalarPhraseSet<Bool>
    let ratioCues: ScalarPhraseSet<Bool>
    let countedWords: CountedPhrase
    /// Qualifiers and growth cues, left off the end of a counted phrase.
    let trailingWords: ScalarPhraseSet<Bool>

    public init(units: UnitTable, qualifiers: QualifierTable, setPhrases: SetPhraseTable,
                growthCues: [String], ratioCues: [String], counted: CountedPhrase) {
        self.units = units
        self.qualifiers = qualifiers
        self.setPhrases = setPhrases
        self.growthCues = ScalarPhraseSet(growthCues)
        self.ratioCues = ScalarPhraseSet(ratioCues)
        self.countedWords = counted
        self.trailingWords = ScalarPhraseSet(growthCues + qualifiers.words)
    }

    /// The tables in TOML: `[units]`, `[qualifiers]`, `[cues]`, `[not_metrics]`, `[counted]`.
    public convenience init(toml: String) throws {
        let file: TableFile
        do {
            file = try TOMLDecoder(strictDecoding: true).decode(TableFile.self, from: toml)
        } catch let error as TOMLParseError {
            throw MetricTableError(message: "line \(error.source.begin.line): \(error.description)")
        } catch let error as UnexpectedKeysError {
            let keys = error.keys.map { ($0.value.map(\.stringValue) + [$0.key]).joined(separator: ".") }.sorted()
            throw MetricTableError(message: "unknown key \(keys.joined(separator: ", "))")
        } catch {
            throw MetricTableError(message: "expected the tables [units], [qualifiers], [cues], [not_metrics] and [counted] as shipped (\(error))")
        }
        try file.checkNoEmptyWords()
        let units = try UnitTable(
            count: file.units.count, money: file.units.money, percent: file.units.percent,
            multiple: file.units.multiple ?? [], forms: file.units.forms ?? [:], years: file.units.years,
            occasions: file.counted.occasions ?? [])
        if let (name, factor) = (file.units.money.merging(file.units.percent) { $1 }).first(where: { !($0.value > 0) }) {
            throw MetricTableError(message: "units: the factor of \(name) must be above 0, found \(factor)")
        }
        self.init(
            units: units,
            qualifiers: QualifierTable(before: file.qualifiers.before, after: file.qualifiers.after,
                                       clause: file.qualifiers.clause ?? [:], lookalikes: file.qualifiers.not ?? []),
            setPhrases: SetPhraseTable(phrases: file.not_metrics.phrases, ordinalPrefixes: file.not_metrics.after ?? [],
                                       notUnits: file.not_metrics.before ?? []),
            growthCues: file.cues.growth, ratioCues: file.cues.ratio,
            counted: CountedPhrase(verbs: file.counted.verbs, links: file.counted.links ?? [],
                                   stops: file.counted.stops ?? [], leading: file.counted.leading ?? [],
                                   nounEndings: file.counted.noun_endings ?? []))
    }

    /// Reads the tables at `url`.
    public static func load(from url: URL) throws -> MetricTables {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MetricTableError(message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        do {
            return try MetricTables(toml: text)
        } catch let error as MetricTableError {
            throw MetricTableError(message: "\(url.path): \(error.message)")
        }
    }

    private struct TableFile: Decodable {
        struct Units: Decodable {
            var count: [String]
            var money: [String: Double]
            var percent: [String: Double]
            var multiple: [String]?
            var forms: [String: String]?
            var years: [String]
        }
        struct Qualifiers: Decodable {
            var not: [String]?
            var before: [String: Bool]
            var after: [String: Bool]
            var clause: [String: Bool]?
        }
        struct Cues: Decodable {
            var growth: [String]
            var ratio: [String]
        }
        struct NotMetrics: Decodable {
            var phrases: [String]
            var after: [String]?
            var before: [String]?
        }
        struct Counted: Decodable {
            var verbs: [String]
            var links: [String]?
            var stops: [String]?
            var leading: [String]?
            var noun_endings: [String]?
            var occasions: [String]?
        }

        var units: Units
        var qualifiers: Qualifiers
        var cues: Cues
        var not_metrics: NotMetrics
        var counted: Counted

        func checkNoEmptyWords() throws {
            let lists: [String: [String]] = [
                "units.count": units.count, "units.money": Array(units.money.keys), "units.percent": Array(units.percent.keys),
                "units.multiple": units.multiple ?? [], "units.forms": Array((units.forms ?? [:]).keys), "units.years": units.years,
                "qualifiers.not": qualifiers.not ?? [], "qualifiers.before": Array(qualifiers.before.keys),
                "qualifiers.after": Array(qualifiers.after.keys), "qualifiers.clause": Array((qualifiers.clause ?? [:]).keys),
                "cues.growth": cues.growth, "cues.ratio": cues.ratio, "not_metrics.phrases": not_metrics.phrases,
                "not_metrics.after": not_metrics.after ?? [], "not_metrics.before": not_metrics.before ?? [], "counted.verbs": counted.verbs, "counted.links": counted.links ?? [],
                "counted.stops": counted.stops ?? [], "counted.leading": counted.leading ?? [],
                "counted.noun_endings": counted.noun_endings ?? [], "counted.occasions": counted.occasions ?? [],
            ]
            if let key = lists.keys.sorted().first(where: { lists[$0, default: []].contains(where: \.isEmpty) }) {
                throw MetricTableError(message: "\(key): an empty word matches everywhere")
            }
        }
    }
}

/// A metrics table that cannot be used, with the reason.
public struct MetricTableError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
