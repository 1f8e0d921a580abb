import Foundation
import ReportKit
import ReportKitTesting
import SectionsProcessor

/// The splitter as reportd ships it: with the phrase table in config/sections.toml.
enum ShippedSplitter {
    static let phrases: SectionPhrases = {
        do {
            return try SectionPhrases.load(from: ShippedTables.url("sections.toml"))
        } catch {
            fatalError("config/sections.toml does not load: \(error)")
        }
    }()

    static let splitter = SectionSplitter(phrases: phrases)

    static func split(_ text: String) -> [Section] { splitter.split(text) }

    /// The tree of `text` as one line per section, indented by level.
    static func outline(_ text: String, roles: Bool = false) -> [String] {
        Outline.lines(split(text), roles: roles)
    }
}

/// A section tree written one line per section: indent by level, marker and title, a `»` before a
/// cue section, anomalies in brackets; the form the tests compare against.
enum Outline {
    static func lines(_ sections: [Section], roles: Bool = false) -> [String] {
        sections.flattened.map { line($0, roles: roles) }
    }

    static func line(_ section: Section, roles: Bool) -> String {
        var text = String(repeating: "  ", count: max(0, section.level - 1))
        switch section.kind {
        case .heading: text += section.marker + section.title
        case .inline: text += "· " + section.marker + section.title
        case .cue: text += "» " + section.title
        }
        if roles, let role = section.role { text += " {\(role)}" }
        for anomaly in section.anomalies {
            text += " [\(anomaly.kind.rawValue) \(anomaly.expected.map(String.init) ?? "-")→\(anomaly.found.map(String.init) ?? "-")]"
        }
        return text
    }
}
