import Foundation
import ReportKit

/// The tables in the repository's config/ folder, found from this file's path, for tests that need
/// the tables as reportd ships them.
public enum ShippedTables {
    /// The repository's config/ folder.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config", isDirectory: true)

    /// A search path of `configDirectory` (when given) and then config/ only: no installed folder,
    /// no `$REPORTD_TABLES`, so a test sees exactly the repository's tables.
    public static func searchPath(configDirectory: URL? = nil) -> TableSearchPath {
        TableSearchPath((configDirectory.map { [$0] } ?? []) + [folder])
    }

    /// The file `name` of config/.
    public static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The text of config/`name`.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// The environment for a child `reportd`: `$REPORTD_TABLES` names config/.
    public static var processEnvironment: [String: String] { [TableSearchPath.variable: folder.path] }
}
