import Foundation
import Synchronization

/// Opens a catalogue the first time someone asks for it and hands that same one to everyone after.
///
/// The composition root gives one to the processors that need the catalogue, so building them
/// (as `reportd check-config` does) never creates or opens a database.
public final class CatalogueProvider: Sendable {
    private let opened = Mutex<[URL: Catalogue]>([:])

    public init() {}

    /// The catalogue at `url`, opened (and migrated) on the first call.
    public func catalogue(at url: URL) throws -> Catalogue {
        try opened.withLock { opened in
            if let catalogue = opened[url.standardizedFileURL] { return catalogue }
            let catalogue = try Catalogue(url: url)
            opened[url.standardizedFileURL] = catalogue
            return catalogue
        }
    }
}
