import Foundation
import ReportKit
import TOMLKit

/// The reviewer-editable rules and tables of config/audit.toml, checked and ready to use.
public struct AuditTable: Sendable {
    /// The phrases that place an item of required content.
    public struct RequiredItem: Sendable {
        public var roles: [String]
        public var mentions: [String]
    }

    /// A national law or regulation a report may cite.
    public struct Law: Sendable {
        public var name: String
        public var short: [String]
        public var inForce: String?
        public var repealed: String?
        public var replacedBy: String?
    }

    public var settings: [String: RuleSetting]
    public var titlePhrases: [String]
    public var titleEndings: [String]
    public var bodyMentions: Int
    public var personalMarkers: [String]
    /// Keyed by the part of the rule id after `content.missing-`.
    public var required: [String: RequiredItem]
    public var completenessClaims: [String]
    public var rateCues: [String]
    public var doneCues: [String]
    public var previousCues: [String]
    public var placeKinds: [String]
    public var issuerWords: [String]
    public var allowedDoubles: Set<String>
    public var setPhrases: [String]
    public var stockPhrases: [String]
    public var redundantPairs: [(String, String)]
    /// An outdated wording and the one that replaced it.
    public var outdatedTerms: [(String, String)]
    public var dayNames: [String]
    public private(set) var laws: [Law] {
        didSet { lawNames = LawNames(laws) }
    }
    /// The laws' names in their comparable forms, built once with the table.
    private(set) var lawNames = LawNames([])
    public var personNouns: [String] {
        didSet { personNounScalars = personNouns.map { Array($0.unicodeScalars) } }
    }
    public var notPersonNouns: [String] {
        didSet { notPersonNounScalars = notPersonNouns.map { Array($0.unicodeScalars) } }
    }
    /// ``personNouns`` and ``notPersonNouns`` as scalars, for the suffix checks run on every count.
    private(set) var personNounScalars: [[Unicode.Scalar]] = []
    private(set) var notPersonNounScalars: [[Unicode.Scalar]] = []
    public var objectUnits: Set<String>
    public var issuerEndings: [String]
    public var chrome: [String]

    /// The setting of `rule`, or its catalogue default.
    public func setting(_ rule: String) -> RuleSetting {
        settings[rule] ?? RuleSetting(severity: RuleCatalogue.byID[rule]?.severity ?? .warning)
    }

    /// Reads the table at `url`.
    public static func load(from url: URL) throws -> AuditTable {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw AuditTableError(message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        do {
            return try AuditTable(toml: text)
        } catch let error as AuditTableError {
            throw AuditTableError(message: "\(url.path): \(error.message)")
        }
    }

    public init(toml: String) throws {
        let file: TableFile
        do {
            file = try TOMLDecoder(strictDecoding: true).decode(TableFile.self, from: toml)
        } catch let error as TOMLParseError {
            throw AuditTableError(message: "line \(error.source.begin.line): \(error.description)")
        } catch let error as UnexpectedKeysError {
            let keys = error.keys.map { ($0.value.map(\.stringValue) + [$0.key]).joined(separator: ".") }.sorted()
            throw AuditTableError(message: "unknown key \(keys.joined(separator: ", "))")
        } catch {
            throw AuditTableError(message: "\(error)")
        }
        settings = try Self.settings(from: file.rules ?? [:])
        titlePhrases = file.report_type.title_phrases
        titleEndings = file.report_type.title_endings
        bodyMentions = file.report_type.body_mentions
        personalMarkers = file.report_type.personal
        var required: [String: RequiredItem] = [:]
        for (key, item) in file.content {
            guard RuleCatalogue.byID["content.missing-\(key)"] != nil else {
                throw AuditTableError(message: "content.\(key): no rule content.missing-\(key)")
            }
            required[key] = RequiredItem(roles: item.roles, mentions: item.mentions)
        }
        self.required = required
        completenessClaims = file.consistency.completeness_claims
        rateCues = file.consistency.rate_cues
        doneCues = file.consistency.done_cues
        previousCues = file.consistency.previous_cues
        placeKinds = file.consistency.place_kinds
        issuerWords = file.consistency.issuer_words
        allowedDoubles = Set(file.text.allowed_doubles)
        setPhrases = file.text.set_phrases
        stockPhrases = file.text.stock_phrases
        redundantPairs = try file.text.redundant_pairs.map { pair in
            guard pair.count == 2 else { throw AuditTableError(message: "text.redundant_pairs: each entry is two wordings") }
            return (pair[0], pair[1])
        }
        outdatedTerms = try file.text.outdated_terms.map { pair in
            guard pair.count == 2, !pair[0].isEmpty else { throw AuditTableError(message: "text.outdated_terms: each entry is the old wording and the new") }
            return (pair[0], pair[1])
        }
        dayNames = file.text.day_names
        laws = try file.laws.map { law in
            for (key, date) in [("in_force", law.in_force), ("repealed", law.repealed)] {
                if let date, ISODay(date) == nil {
                    throw AuditTableError(message: "laws \(law.name): \(key) expected YYYY-MM-DD, found \(date)")
                }
            }
            return Law(name: law.name, short: law.short ?? [], inForce: law.in_force, repealed: law.repealed, replacedBy: law.replaced_by)
        }
        lawNames = LawNames(laws)
        personNouns = file.quantity.person_nouns
        notPersonNouns = file.quantity.not_person_nouns
        personNounScalars = personNouns.map { Array($0.unicodeScalars) }
        notPersonNounScalars = notPersonNouns.map { Array($0.unicodeScalars) }
        objectUnits = Set(file.quantity.object_units)
        issuerEndings = file.form.issuer_endings
        chrome = file.form.chrome
        let lists: [(String, [String])] = [
            ("report_type.title_phrases", titlePhrases), ("consistency.completeness_claims", completenessClaims),
            ("consistency.rate_cues", rateCues), ("consistency.done_cues", doneCues),
            ("text.set_phrases", setPhrases), ("text.stock_phrases", stockPhrases), ("text.day_names", dayNames), ("quantity.person_nouns", personNouns),
            ("form.issuer_endings", issuerEndings), ("form.chrome", chrome),
        ] + required.map { ("content.\($0.key).mentions", $0.value.mentions) }
        if let (key, _) = lists.first(where: { $0.1.contains(where: \.isEmpty) }) {
            throw AuditTableError(message: "\(key): an empty phrase matches everywhere")
        }
    }

    private static func settings(from rules: [String: RuleOptions]) throws -> [String: RuleSetting] {
        var settings: [String: RuleSetting] = [:]
        for entry in RuleCatalogue.entries {
            var setting = RuleSetting(severity: entry.severity)
            guard let options = rules[entry.id] else {
                settings[entry.id] = setting
                continue
            }
            func fail(_ key: String, _ message: String) -> AuditTableError {
                AuditTableError(message: "rules.\"\(entry.id)\".\(key): \(message)")
            }
            for key in options.givenKeys where !entry.options.contains(key) {
                throw fail(key, "not an option of this rule (it takes: enabled, severity\(entry.options.sorted().map { ", " + $0 }.joined()))")
            }
            setting.enabled = options.enabled ?? true
            func severity(_ name: String?, key: String) throws -> Finding.Severity? {
                guard let name else { return nil }
                guard let severity = Finding.Severity(rawValue: name) else { throw fail(key, "expected error, warning or info, found \(name)") }
                return severity
            }
            func bounded<Value: Comparable>(_ value: Value?, key: String, _ range: ClosedRange<Value>) throws -> Value? {
                guard let value else { return nil }
                guard range.contains(value) else { throw fail(key, "expected \(range.lowerBound) to \(range.upperBound), found \(value)") }
                return value
            }
            setting.severity = try severity(options.severity, key: "severity") ?? setting.severity
            setting.mentionSeverity = try severity(options.mention_severity, key: "mention_severity") ?? setting.mentionSeverity
            setting.minParts = try bounded(options.min_parts, key: "min_parts", 2...20) ?? setting.minParts
            setting.maxLength = try bounded(options.max_length, key: "max_length", 2...60) ?? setting.maxLength
            setting.minChars = try bounded(options.min_chars, key: "min_chars", 8...500) ?? setting.minChars
            setting.maxShare = try bounded(options.max_share, key: "max_share", 0.0...1.0) ?? setting.maxShare
            setting.maxDistance = try bounded(options.max_distance, key: "max_distance", 1...3) ?? setting.maxDistance
            if let value = options.round_base {
                guard [10, 100, 1000].contains(value) else { throw fail("round_base", "expected 10, 100 or 1000, found \(value)") }
                setting.roundBase = value
            }
            if let value = options.deadline {
                let parts = value.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, (1...12).contains(parts[0]), (1...31).contains(parts[1]) else {
                    throw fail("deadline", "expected MM-DD, found \(value)")
                }
                setting.deadline = (parts[0], parts[1])
            }
            settings[entry.id] = setting
        }
        if let unknown = rules.keys.sorted().first(where: { RuleCatalogue.byID[$0] == nil }) {
            throw AuditTableError(message: "rules.\"\(unknown)\": unknown rule (known: \(RuleCatalogue.ids.joined(separator: ", ")))")
        }
        return settings
    }

    private struct RuleOptions: Decodable {
        var enabled: Bool?
        var severity: String?
        var mention_severity: String?
        var min_parts: Int?
        var max_length: Int?
        var min_chars: Int?
        var max_share: Double?
        var max_distance: Int?
        var round_base: Int?
        var deadline: String?

        var givenKeys: [String] {
            let optional: [(String, Bool)] = [
                ("mention_severity", mention_severity != nil), ("min_parts", min_parts != nil),
                ("max_length", max_length != nil), ("min_chars", min_chars != nil), ("max_share", max_share != nil),
                ("max_distance", max_distance != nil), ("round_base", round_base != nil), ("deadline", deadline != nil),
            ]
            return optional.filter(\.1).map(\.0)
        }
    }

    private struct TableFile: Decodable {
        var rules: [String: RuleOptions]?
        var report_type: ReportType
        var content: [String: Item]
        var consistency: Consistency
        var text: TextLists
        var laws: [LawEntry]
        var quantity: Quantity
        var form: Form

        struct ReportType: Decodable {
            var title_phrases: [String]
            var title_endings: [String]
            var body_mentions: Int
            var personal: [String]
        }
        struct Item: Decodable {
            var roles: [String]
            var mentions: [String]
        }
        struct Consistency: Decodable {
            var completeness_claims: [String]
            var rate_cues: [String]
            var done_cues: [String]
            var previous_cues: [String]
            var place_kinds: [String]
            var issuer_words: [String]
        }
        struct TextLists: Decodable {
            var allowed_doubles: [String]
            var set_phrases: [String]
            var stock_phrases: [String]
            var redundant_pairs: [[String]]
            var outdated_terms: [[String]]
            var day_names: [String]
        }
        struct LawEntry: Decodable {
            var name: String
            var short: [String]?
            var in_force: String?
            var repealed: String?
            var replaced_by: String?
            var note: String?
        }
        struct Quantity: Decodable {
            var person_nouns: [String]
            var not_person_nouns: [String]
            var object_units: [String]
        }
        struct Form: Decodable {
            var issuer_endings: [String]
            var chrome: [String]
        }
    }
}

/// An audit table that cannot be used, with the reason.
public struct AuditTableError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A calendar day read from `YYYY-MM-DD`, compared as a number.
struct ISODay: Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private var ordinal: Int { year * 10_000 + month * 100 + day }

    static func < (lhs: ISODay, rhs: ISODay) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2021年1月1日`.
    var chinese: String { "\(year)年\(month)月\(day)日" }
}
