import Foundation
import Logging
import ReportKit

/// What a crash can leave behind, cleaned up at start-up before any new work.
public enum Recovery {
    /// Removes half-built archive entries and temporary files; returns what was removed.
    @discardableResult
    public static func sweep(_ root: DataRoot, logger: Logger) -> [URL] {
        var removed: [URL] = []
        let manager = FileManager.default
        if let issuers = try? manager.contentsOfDirectory(at: root.archive, includingPropertiesForKeys: nil) {
            for issuer in issuers {
                for year in (try? manager.contentsOfDirectory(at: issuer, includingPropertiesForKeys: nil)) ?? [] {
                    for entry in (try? manager.contentsOfDirectory(at: year, includingPropertiesForKeys: nil, options: [])) ?? []
                    where ArchiveLayout.isPartial(entry.lastPathComponent) {
                        removed.append(entry)
                    }
                }
            }
        }
        for folder in [root.outbox, root.failed, root.spool] {
            for file in (try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil, options: [])) ?? []
            where file.lastPathComponent.hasPrefix(".") && (file.pathExtension == "tmp" || file.pathExtension == "copy") {
                removed.append(file)
            }
        }
        for url in removed {
            do {
                try manager.removeItem(at: url)
                logger.notice("removed what a crash left behind", metadata: ["path": "\(root.relativePath(of: url))"])
            } catch {
                logger.error("cannot remove what a crash left behind", metadata: ["path": "\(url.path)", "error": "\(error)"])
            }
        }
        return removed
    }
}
