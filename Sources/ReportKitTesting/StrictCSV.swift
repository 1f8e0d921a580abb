/// Reads CSV exactly as RFC 4180 writes it, refusing anything looser: CRLF after every record, quotes only
/// around a whole field, `""` for a quote inside one, no bare CR or LF outside quotes.
public enum StrictCSV {
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The records of `text` (its BOM already removed).
    public static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var index = 0
        func fail(_ what: String) -> Malformed { Malformed(description: "\(what) at scalar \(index) (record \(records.count + 1))") }
        while index < scalars.count {
            var field = String.UnicodeScalarView()
            if scalars[index] == "\"" {
                index += 1
                while true {
                    guard index < scalars.count else { throw fail("unterminated quoted field") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(scalars[index])
                    index += 1
                }
            } else {
                while index < scalars.count, scalars[index] != ",", scalars[index] != "\r" {
                    if scalars[index] == "\"" { throw fail("quote inside an unquoted field") }
                    if scalars[index] == "\n" { throw fail("bare LF") }
                    field.append(scalars[index])
                    index += 1
                }
            }
            record.append(String(field))
            guard index < scalars.count else { throw fail("last record without CRLF") }
            if scalars[index] == "," {
                index += 1
                if index == scalars.count { throw fail("comma at the end of the input") }
                continue
            }
            guard scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" else {
                throw fail("expected a comma or CRLF after a field")
            }
            index += 2
            records.append(record)
            record = []
        }
        if let width = records.first?.count, let odd = records.firstIndex(where: { $0.count != width }) {
            throw Malformed(description: "record \(odd + 1) has \(records[odd].count) fields, the header \(width)")
        }
        return records
    }
}
