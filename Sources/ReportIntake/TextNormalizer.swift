/// The one place text is normalised before any span is taken: line endings, trailing spaces.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var line = Substring(line)
                while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
                return line
            }
            .joined(separator: "\n")
    }
}

import Foundation
