/// The text of a Markdown report: heading markers, setext underlines, thematic breaks and blockquote
/// markers removed; everything else, emphasis included, kept as written.
enum MarkdownTextExtractor {
    static func text(from markdown: String) -> String {
        var lines: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var content = line.drop { $0 == " " }
            while content.first == ">" { content = content.dropFirst().drop { $0 == " " } }
            if isRule(content) { continue }
            lines.append(headingText(content) ?? content)
        }
        return lines.joined(separator: "\n")
    }

    /// `# 标题 #` → `标题`; nil when the line is not an ATX heading.
    private static func headingText(_ line: Substring) -> Substring? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.drop { $0 == " " || $0 == "\t" }
        while title.last == "#" || title.last == " " { title = title.dropLast() }
        return title
    }

    /// A thematic break (`***`, `---`, `___`) or setext underline (`===`): three or more of one mark.
    /// Read byte by byte: filtering every line into a new string first cost more than the rest of the extractor.
    private static func isRule(_ line: Substring) -> Bool {
        var mark: UInt8 = 0
        var count = 0
        for byte in line.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            if count == 0 {
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "=")
                else { return false }
                mark = byte
            } else if byte != mark {
                return false
            }
            count += 1
        }
        return count >= 3
    }
}
