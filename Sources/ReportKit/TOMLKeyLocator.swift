/// Finds the line on which a key path of a TOML document is written, so errors can name it.
///
/// A light scan of table headers and `key =` lines: enough for the files reportd reads,
/// where TOMLKit gives positions only for syntax errors.
public struct TOMLKeyLocator: Sendable {
    private var lines: [String: Int] = [:]

    public init(source: String) {
        var table: [String] = []
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Self.stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let inner = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                table = Self.keyParts(inner)
                record(table, line: number)
            } else if let equals = line.firstIndex(of: "=") {
                let key = Self.keyParts(String(line[..<equals]))
                guard !key.isEmpty else { continue }
                record(table + key, line: number)
            }
        }
    }

    /// The line of `path`, or of its nearest enclosing table or key written in the file.
    public func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], line: Int) {
        for length in 1...max(1, path.count) where length <= path.count {
            let key = path.prefix(length).joined(separator: ".")
            if lines[key] == nil { lines[key] = line }
        }
    }

    private static func keyParts(_ key: String) -> [String] {
        key.split(separator: ".").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
        }.filter { !$0.isEmpty }
    }

    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line[..<index])
            }
        }
        return line
    }
}

import Foundation
