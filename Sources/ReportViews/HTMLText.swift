import Foundation

/// Text made safe for HTML (and XHTML) content and quoted attribute values.
public enum HTMLText {
    /// Escapes `& < > " '`; control characters XML does not allow become U+FFFD, so the page always parses.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            append(scalar, to: &result)
        }
        return result
    }

    /// Appends one scalar of text, escaped.
    static func append(_ scalar: Unicode.Scalar, to result: inout String) {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                result.unicodeScalars.append("\u{FFFD}")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }

    /// A relative link made of path components, each percent-encoded, so names with `#`, `?`, `%` or spaces stay one path.
    public static func href(_ components: [String]) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return components.map { component in
            component == ".." ? component : (component.addingPercentEncoding(withAllowedCharacters: allowed) ?? "_")
        }.joined(separator: "/")
    }

    /// The link from archive entry `from` to the page of archive entry `to`, both relative to the data root.
    public static func pageHref(from entry: String, to other: String, page: String = ReportPage.fileName) -> String {
        let depth = entry.split(separator: "/").count
        let up = Array(repeating: "..", count: depth)
        return href(up + other.split(separator: "/").map(String.init) + [page])
    }

    /// A number as people write it: no `.0` on whole numbers, no exponent for ordinary sizes.
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
