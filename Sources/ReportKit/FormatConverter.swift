import Foundation
import Logging

/// A processor that can also turn a format the intake does not read (.pdf, .doc) into text.
public protocol FormatConverter: Sendable {
    /// File extensions, lowercased and without the dot, that this converter turns into text.
    var convertedFormats: [String] { get }
    /// A name for the source's encoding field, such as `converted by pdf`.
    var converterName: String { get }

    /// The text of `data`, the bytes of a file named `name`.
    func convert(_ data: Data, name: String, logger: Logger) async throws -> String
}

extension Pipeline {
    /// The converter in the chain for files named like `name`, if one is configured.
    public func converter(for name: String) -> (any FormatConverter)? {
        let ext = (name as NSString).pathExtension.lowercased()
        guard !ext.isEmpty else { return nil }
        return stages.lazy.compactMap { $0.processor as? any FormatConverter }.first { $0.convertedFormats.contains(ext) }
    }
}
