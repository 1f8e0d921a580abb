import Foundation

/// Where a document's archive entry lives: `archive/<issuer>/<year>/<digest>/`, and how a half-built one is named.
public enum ArchiveLayout {
    /// The folder name used when issuer or year is not known.
    public static let unknown = "unknown"
    /// Marks a folder being built beside its final place; never a finished entry.
    public static let partialMarker = ".partial-"

    public static func entry(for document: Document, in root: DataRoot) -> URL {
        folders(for: document).reduce(root.archive) { $0.appendingPathComponent($1, isDirectory: true) }
    }

    /// The entry's path relative to the data root (`archive/<issuer>/<year>/<digest>`), as receipts and the catalogue name it.
    public static func relativePath(for document: Document) -> String {
        (["archive"] + folders(for: document)).joined(separator: "/")
    }

    /// The entry's folders below `archive/`: issuer, year, digest.
    private static func folders(for document: Document) -> [String] {
        [component(document.meta.issuer), component(document.meta.year.map(String.init)), document.digest]
    }

    /// A safe single path component: no separators, no leading dot, no control characters, at most
    /// 200 bytes (so a prefix or suffix still fits in NAME_MAX); a shortened name keeps its extension.
    public static func component(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return unknown }
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let unsafe = scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
            scalars.append(unsafe ? "_" : scalar)
        }
        var result = String(scalars)
        if result.hasPrefix(".") { result = "_" + result.dropFirst() }
        if result.utf8.count > 200 {
            let ext = (result as NSString).pathExtension
            let suffix = !ext.isEmpty && ext.utf8.count <= 16 ? "." + ext : ""
            var stem = suffix.isEmpty ? result : String(result.dropLast(suffix.count))
            while stem.utf8.count + suffix.utf8.count > 200 { stem.removeLast() }
            result = stem + suffix
        }
        return result.isEmpty ? unknown : result
    }

    /// True for a folder name that is a half-built entry.
    public static func isPartial(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(partialMarker)
    }
}
