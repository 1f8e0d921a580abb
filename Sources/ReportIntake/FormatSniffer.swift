import Foundation

/// The file formats the intake knows.
public enum ReportFormat: String, Sendable, CaseIterable {
    case txt, md

    /// The formats turned into text here.
    public static var readable: [ReportFormat] { allCases }

    /// `.txt, .md`, for messages.
    static var readableList: String { readable.map { "." + $0.rawValue }.joined(separator: ", ") }
}

/// Decides a file's format from its content first and its name second.
enum FormatSniffer {
    static func format(of data: Data, name: String) throws(IntakeError) -> ReportFormat {
        if let known = knownBinary(data) { throw IntakeError.unsupportedFormat(known) }
        let ext = (name as NSString).pathExtension.lowercased()
        switch ext {
        case "md", "markdown": return .md
        case "txt", "text", "": return .txt
        default:
            throw IntakeError.unsupportedFormat(".\(ext)")
        }
    }

    /// The name of a binary format recognised by its leading bytes.
    static func knownBinary(_ data: Data) -> String? {
        let magic: [(bytes: [UInt8], name: String)] = [
            ([0x25, 0x50, 0x44, 0x46], "PDF"),
            ([0xD0, 0xCF, 0x11, 0xE0], "Word 97-2003 (.doc)"),
            ([0x50, 0x4B, 0x03, 0x04], "ZIP/.docx"),
            ([0x89, 0x50, 0x4E, 0x47], "PNG image"),
            ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ]
        return magic.first { data.starts(with: $0.bytes) }?.name
    }
}
