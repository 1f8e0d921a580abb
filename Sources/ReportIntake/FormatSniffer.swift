import Foundation

/// The file formats the intake turns into text.
public enum ReportFormat: String, Sendable, CaseIterable {
    case txt, md, html, docx

    /// The formats turned into text here.
    public static var readable: [ReportFormat] { allCases }

    /// `.txt, .md, .html, .docx`, for messages.
    static var readableList: String { readable.map { "." + $0.rawValue }.joined(separator: ", ") }
}

/// Decides a file's format from its leading bytes first and its name second.
enum FormatSniffer {
    /// How the bytes are to be opened.
    enum Container: Equatable {
        case docx
        /// Text in some encoding; the format is settled once it is decoded.
        case text
    }

    static func container(of data: Data, name: String) throws(IntakeError) -> Container {
        let ext = pathExtension(of: name)
        if data.starts(with: zipMagic) {
            if ["xlsx", "pptx", "odt", "ofd", "zip"].contains(ext) { throw .unsupportedFormat(".\(ext)") }
            return .docx
        }
        if let known = knownBinary(data) { throw .unsupportedFormat(known) }
        if ext == "docx" { throw .damagedDocx("it is not a ZIP archive, and every .docx is one") }
        return .text
    }

    /// `.html` when the extension or the opening markup says so, `.md` by extension, `.txt` otherwise.
    static func textFormat(of text: String, name: String) -> ReportFormat {
        let ext = pathExtension(of: name)
        if ["html", "htm", "xhtml", "shtml"].contains(ext) || opensAsHTML(text) { return .html }
        if ["md", "markdown"].contains(ext) { return .md }
        return .txt
    }

    static func pathExtension(of name: String) -> String {
        (name as NSString).pathExtension.lowercased()
    }

    private static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// The leading bytes of formats that are recognised but not read.
    private static let binaryMagic: [(bytes: [UInt8], name: String)] = [
        ([0x25, 0x50, 0x44, 0x46], "PDF"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Word 97-2003 (.doc) or another OLE2 file"),
        ([0x7B, 0x5C, 0x72, 0x74, 0x66], "RTF"),
        ([0x89, 0x50, 0x4E, 0x47], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "GIF image"),
        ([0x49, 0x49, 0x2A, 0x00], "TIFF image"),
        ([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
        ([0x50, 0x4B, 0x05, 0x06], "empty ZIP archive"),
        ([0x52, 0x61, 0x72, 0x21], "RAR archive"),
        ([0x37, 0x7A, 0xBC, 0xAF], "7-Zip archive"),
        ([0x1F, 0x8B], "gzip archive"),
    ]

    /// The name of a binary format recognised by its leading bytes.
    static func knownBinary(_ data: Data) -> String? {
        if data.count >= 12, data.starts(with: Array("RIFF".utf8)),
           data.dropFirst(8).starts(with: Array("WEBP".utf8)) {
            return "WebP image"
        }
        return binaryMagic.first { data.starts(with: $0.bytes) }?.name
    }

    /// True when the text, after leading whitespace, opens with a doctype, `<html`, `<head` or `<body`
    /// within its first kilobyte.
    private static func opensAsHTML(_ text: String) -> Bool {
        let head = text.unicodeScalars.prefix(1024)
        guard let first = head.firstIndex(where: { !$0.properties.isWhitespace }), head[first] == "<" else {
            return false
        }
        let lowered = String(String.UnicodeScalarView(head[first...])).lowercased()
        return ["<!doctype html", "<html", "<head", "<body"].contains { lowered.contains($0) }
    }
}
