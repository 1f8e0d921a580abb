import Foundation
import ReportKit

/// Version 1 of the exec protocol: one JSON object per line each way, over the plugin's stdin and stdout.
enum PluginProtocol {
    static let version = 1

    /// The first line each way.
    struct Hello: Codable {
        var type = "hello"
        var `protocol`: Int
        var name: String?
        var offers: Offers?
    }

    /// What a plugin says it can do in its hello.
    struct Offers: Codable {
        var formats: [String]?
        var metrics: Bool?
        var findings: Bool?
    }

    /// A file in a format the intake does not read, for the plugin to turn into text.
    struct ConvertRequest: Encodable {
        var type = "convert"
        var file: File

        struct File: Encodable {
            var name: String
            var format: String
            /// The bytes, base64.
            var bytes: String
        }
    }

    /// A plugin's answer to a request.
    struct Reply: Decodable {
        var type: String
        var additions: Additions?
        var message: String?
    }

    /// What a plugin may add to a document.
    struct Additions: Decodable {
        var text: String?
        var meta: MetaAdditions?
        var findings: [Finding]?
        var metrics: [Metric]?
        var tags: [String]?
    }

    /// Metadata fields the plugin read; a missing or null field changes nothing.
    struct MetaAdditions: Decodable {
        var issuer: String?
        var year: Int?
        var date: String?
        var title: String?
    }

    /// The `process` request: the document's fields as in document.json, with its text.
    static func processRequest(_ document: Document) throws -> Data {
        var fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document)) as? [String: Any] ?? [:]
        fields["text"] = document.text
        return try JSONSerialization.data(withJSONObject: ["type": "process", "document": fields], options: [.withoutEscapingSlashes])
    }

    static func line<T: Encodable>(_ message: T) throws -> Data {
        try JSONEncoder().encode(message)
    }
}

/// Why a plugin step failed: the message goes into the report's failure reason or a skipped-step finding.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
