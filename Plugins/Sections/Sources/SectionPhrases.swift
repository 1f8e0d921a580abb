import Foundation
import TOMLKit

/// The reviewer-editable phrase lists (config/sections.toml), compiled: roles, cue phrases and lead-ins.
public struct SectionPhrases: Sendable {
    /// Longest stretch a `…` in a phrase stands for when the table does not say.
    public static let defaultGap = 10

    let roles: RoleTable
    let cues: RoleTable
    let leadIns: [PhrasePattern]
    /// Phrases of a preamble's hand-over (报告如下), whose sentence is never a cue.
    let notCues: [PhrasePattern]

    /// Phrase lists keyed by role; `gap` bounds what `…` stands for.
    public init(roles: [String: [String]] = [:], cues: [String: [String]] = [:], leadIns: [String] = [],
                notCues: [String] = [], gap: Int = SectionPhrases.defaultGap) {
        self.roles = RoleTable(roles, maxGap: gap)
        self.cues = RoleTable(cues, maxGap: gap)
        self.leadIns = leadIns.map { PhrasePattern($0, maxGap: gap) }
        self.notCues = notCues.map { PhrasePattern($0, maxGap: gap) }
    }

    /// The table in TOML: `gap`, `lead_ins`, `not_cues`, `[roles]` and `[cues]`, each role a list of phrases.
    public init(toml: String) throws {
        let file: PhraseFile
        do {
            file = try TOMLDecoder(strictDecoding: true).decode(PhraseFile.self, from: toml)
        } catch let error as TOMLParseError {
            throw PhraseTableError(message: "line \(error.source.begin.line): \(error.description)")
        } catch let error as UnexpectedKeysError {
            let keys = error.keys.map { ($0.value.map(\.stringValue) + [$0.key]).joined(separator: ".") }.sorted()
            throw PhraseTableError(message: "unknown key \(keys.joined(separator: ", ")) (known: gap, lead_ins, not_cues, roles, cues)")
        } catch {
            throw PhraseTableError(message: "expected gap = integer, lead_ins and not_cues = [strings], [roles] and [cues] of string lists (\(error))")
        }
        let gap = file.gap ?? Self.defaultGap
        guard (0...40).contains(gap) else { throw PhraseTableError(message: "gap: expected 0 to 40, found \(gap)") }
        var listsByKey = ["lead_ins": file.lead_ins ?? [], "not_cues": file.not_cues ?? []]
        for (role, list) in file.roles ?? [:] { listsByKey["roles.\(role)"] = list }
        for (role, list) in file.cues ?? [:] { listsByKey["cues.\(role)"] = list }
        if let key = listsByKey.keys.sorted().first(where: { listsByKey[$0, default: []].contains(where: \.isEmpty) }) {
            throw PhraseTableError(message: "\(key): an empty phrase matches everywhere")
        }
        self.init(roles: file.roles ?? [:], cues: file.cues ?? [:], leadIns: file.lead_ins ?? [],
                  notCues: file.not_cues ?? [], gap: gap)
    }

    /// Reads the table at `url`.
    public static func load(from url: URL) throws -> SectionPhrases {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PhraseTableError(message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        do {
            return try SectionPhrases(toml: text)
        } catch let error as PhraseTableError {
            throw PhraseTableError(message: "\(url.path): \(error.message)")
        }
    }

    private struct PhraseFile: Decodable {
        var gap: Int?
        var lead_ins: [String]?
        var not_cues: [String]?
        var roles: [String: [String]]?
        var cues: [String: [String]]?
    }
}

/// A phrase table that cannot be used, with the reason.
public struct PhraseTableError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
