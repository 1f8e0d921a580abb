import Crypto
import Foundation
import ReportKit

/// Turns the bytes of a report file into a `Document`: id, decoded and normalised text, format, encoding,
/// metadata.
public struct ReportReader: Sendable {
    public var options: IntakeOptions

    public init(options: IntakeOptions = IntakeOptions()) {
        self.options = options
    }

    /// Reads the file at `url`, which arrived as `name` at `received`.
    public func read(_ url: URL, name: String, received: Date) throws(IntakeError) -> Document {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > options.maxBytes {
                throw IntakeError.tooLarge(bytes: size, limit: options.maxBytes)
            }
            data = try Data(contentsOf: url)
        } catch let error as IntakeError {
            throw error
        } catch {
            throw IntakeError.unreadable(error.localizedDescription)
        }
        return try read(data, name: name, received: received)
    }

    /// Reads `data`, the bytes of a file named `name`.
    public func read(_ data: Data, name: String, received: Date) throws(IntakeError) -> Document {
        guard !data.isEmpty else { throw IntakeError.empty }
        guard data.count <= options.maxBytes else { throw IntakeError.tooLarge(bytes: data.count, limit: options.maxBytes) }
        let extracted = try extractText(data, name: name)
        let report = TextNormalizer.normalizeReport(extracted.text)
        guard !report.text.isEmpty else { throw IntakeError.noText(format: "." + extracted.format.rawValue) }
        let source = Source(name: name, bytes: data.count, format: extracted.format.rawValue,
                            encoding: extracted.encoding, received: Timestamp.string(from: received))
        return Document(id: Self.id(of: data), source: source, meta: MetadataReader.read(report), text: report.text,
                        original: data)
    }

    /// Makes the document of a file whose text an external converter extracted (a format the intake
    /// does not read itself); the text is normalised and its metadata read as for any other.
    public func read(convertedText text: String, original data: Data, name: String, converter: String,
                     received: Date) throws(IntakeError) -> Document {
        let report = TextNormalizer.normalizeReport(text)
        let format = (name as NSString).pathExtension.lowercased()
        guard !report.text.isEmpty else { throw IntakeError.noText(format: "." + format) }
        let source = Source(name: name, bytes: data.count, format: format, encoding: converter,
                            received: Timestamp.string(from: received))
        return Document(id: Self.id(of: data), source: source, meta: MetadataReader.read(report), text: report.text,
                        original: data)
    }

    /// The text of the file before normalisation, in the format and encoding it was found to have.
    private func extractText(_ data: Data, name: String) throws(IntakeError)
        -> (text: String, format: ReportFormat, encoding: String) {
        switch try FormatSniffer.container(of: data, name: name) {
        case .docx:
            let docx = try DocxTextExtractor(options: options).text(from: data)
            return (docx.text, .docx, docx.encoding)
        case .text:
            let decoded = try EncodingDetector.decode(data)
            let format = FormatSniffer.textFormat(of: decoded.text, name: name)
            let text = switch format {
            case .html: HTMLTextExtractor.text(from: decoded.text)
            case .md: MarkdownTextExtractor.text(from: decoded.text)
            case .txt, .docx: decoded.text
            }
            return (text, format, decoded.encoding)
        }
    }

    /// `sha256:<hex>` of `data`.
    public static func id(of data: Data) -> String {
        // Hex by table: `String(format:)` per byte cost more than the hash of a report.
        let digits = Array("0123456789abcdef".utf8)
        var text = Array("sha256:".utf8)
        text.reserveCapacity(7 + 64)
        for byte in SHA256.hash(data: data) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
