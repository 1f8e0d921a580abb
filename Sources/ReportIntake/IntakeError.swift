/// Why a file could not be read as a report; each description names what was tried or what is read instead.
public enum IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    /// The bytes hold NUL or control characters; `detail` says which and where.
    case binary(detail: String)
    /// Every encoding tried, each with why it did not fit.
    case undecodable(tried: [String])
    case unsupportedFormat(String)
    /// The file should be a .docx but is not a complete one.
    case damagedDocx(String)
    /// The .docx is over a limit of `IntakeOptions`; refused before it can fill memory.
    case docxOverLimit(String)
    /// The file decoded but, once page furniture was removed, held no text.
    case noText(format: String)

    public var description: String {
        switch self {
        case .empty: "the file is empty (0 bytes)"
        case .tooLarge(let bytes, let limit): "the file has \(bytes) bytes, over the limit of \(limit)"
        case .unreadable(let why): "the file cannot be read: \(why)"
        case .binary(let detail): "the file is binary, not text: \(detail)"
        case .undecodable(let tried):
            "the text is in no encoding reportd reads (tried \(tried.joined(separator: "; ")))"
        case .unsupportedFormat(let format):
            "the format \(format) is not read (reportd reads \(ReportFormat.readableList); "
                + "an exec processor may convert others)"
        case .damagedDocx(let why): "the .docx cannot be read: \(why)"
        case .docxOverLimit(let why): "the .docx is refused as a possible zip bomb: \(why)"
        case .noText(let format): "the \(format) file holds no report text"
        }
    }
}
