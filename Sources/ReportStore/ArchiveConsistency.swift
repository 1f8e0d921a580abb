import Foundation
import ReportKit

/// Compares the catalogue with the archive tree, and mends what disagrees when asked.
public struct ArchiveConsistency {
    /// One disagreement between the catalogue and the tree.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case partialEntry = "partial entry"
            case incompleteEntry = "incomplete entry"
            case misfiledEntry = "entry under the wrong id"
            case entryNotCatalogued = "entry not in the catalogue"
            case catalogueWrongPath = "catalogue points elsewhere"
            case catalogueMissingEntry = "catalogued entry missing"
        }

        public var kind: Kind
        /// Relative to the data root, or a report id.
        public var subject: String
        /// What --repair did, or nil when it cannot be mended here.
        public var repair: String?

        public var description: String { "\(kind.rawValue): \(subject)" + (repair.map { " (\($0))" } ?? "") }
    }

    public let root: DataRoot
    public let catalogue: Catalogue

    public init(root: DataRoot, catalogue: Catalogue) {
        self.root = root
        self.catalogue = catalogue
    }

    static let requiredFiles = ["document.json", "text.txt"]

    /// Every disagreement; with `repair`, each mendable one is mended and says how.
    public func check(repair: Bool) throws -> [Problem] {
        var problems: [Problem] = []
        let manager = FileManager.default
        var onDisk: [String: String] = [:]
        for issuer in try children(of: root.archive) {
            for year in try children(of: issuer) {
                for entry in try children(of: year) {
                    let relative = root.relativePath(of: entry)
                    if ArchiveLayout.isPartial(entry.lastPathComponent) {
                        if repair { try manager.removeItem(at: entry) }
                        problems.append(Problem(kind: .partialEntry, subject: relative, repair: repair ? "removed" : nil))
                        continue
                    }
                    let missing = Self.requiredFiles.filter { !manager.fileExists(atPath: entry.appendingPathComponent($0).path) }
                    let hasOriginal = try children(of: entry).contains { $0.lastPathComponent.hasPrefix("original") }
                    guard missing.isEmpty, hasOriginal,
                          let data = try? Data(contentsOf: entry.appendingPathComponent("document.json")),
                          let document = try? JSONDecoder().decode(Document.self, from: data) else {
                        problems.append(Problem(kind: .incompleteEntry, subject: relative, repair: nil))
                        continue
                    }
                    guard document.digest == entry.lastPathComponent else {
                        problems.append(Problem(kind: .misfiledEntry, subject: relative, repair: nil))
                        continue
                    }
                    onDisk[document.id] = relative
                    switch try catalogue.report(id: document.id) {
                    case nil:
                        if repair { try catalogue.recordRecovered(document, archive: relative, at: Date()) }
                        problems.append(Problem(kind: .entryNotCatalogued, subject: relative, repair: repair ? "row added" : nil))
                    case let row? where row.archive != relative:
                        if repair { try catalogue.setArchive(relative, for: document.id) }
                        problems.append(Problem(kind: .catalogueWrongPath, subject: relative, repair: repair ? "row updated" : nil))
                    default:
                        break
                    }
                }
            }
        }
        for row in try catalogue.reports() where row.archive != nil && onDisk[row.id] == nil {
            if repair { try catalogue.setArchive(nil, for: row.id) }
            problems.append(Problem(kind: .catalogueMissingEntry, subject: "\(row.id) (\(row.archive!))",
                                    repair: repair ? "archive path cleared" : nil))
        }
        return problems
    }

    private func children(of folder: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil, options: [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
