import Foundation
import ReportStore

/// The formats `reportd export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// UTF-8 with a BOM (so spreadsheet programs read the Chinese), RFC 4180 quoting, CRLF line ends,
    /// text that a spreadsheet would run as a formula defused.
    case csv
    /// One JSON object per line, keys in column order, LF line ends, no BOM.
    case jsonl
}

/// Turns exported rows into the bytes of one format: a preamble (BOM and header for CSV), then one line per row.
public struct ExportEncoder: Sendable {
    public let format: ExportFormat
    public let columns: [String]

    public init(format: ExportFormat, columns: [String]) {
        self.format = format
        self.columns = columns
    }

    /// What comes before the first row.
    public var preamble: String {
        switch format {
        case .csv: "\u{FEFF}" + columns.map(Self.csvField).joined(separator: ",") + "\r\n"
        case .jsonl: ""
        }
    }

    /// One row as a line, its end included.
    public func line(_ cells: [CellValue]) -> String {
        switch format {
        case .csv:
            return cells.map { Self.csvField(Self.plain($0)) }.joined(separator: ",") + "\r\n"
        case .jsonl:
            var line = "{"
            for (index, (column, cell)) in zip(columns, cells).enumerated() {
                if index > 0 { line += "," }
                line += Self.jsonString(column) + ":" + Self.json(cell)
            }
            return line + "}\n"
        }
    }

    /// A cell as CSV text: empty for null, `true`/`false`, numbers without a needless `.0`.
    static func plain(_ cell: CellValue) -> String {
        switch cell {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): HTMLText.number(value)
        case .bool(let value): value ? "true" : "false"
        case .text(let value): defused(value)
        }
    }

    /// A report's own words never become a spreadsheet formula: text starting with `= + - @`, a tab
    /// or a CR (OWASP's list for CSV injection) gets a leading `'`, which spreadsheets show as text.
    /// Numbers are cells of their own kind and keep their sign.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"].contains(first) else {
            return text
        }
        return "'" + text
    }

    /// RFC 4180: a field holding a comma, quote, CR or LF is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ cell: CellValue) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): value.isFinite ? HTMLText.number(value) : "null"
        case .bool(let value): value ? "true" : "false"
        case .text(let value): jsonString(value)
        }
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
