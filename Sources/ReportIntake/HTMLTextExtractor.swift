import ReportKit

/// The text of an HTML page's body: block elements as line breaks, table cells separated by tabs,
/// entities decoded, whitespace collapsed as a browser would, and head, script, style, navigation and
/// form controls dropped.
///
/// A single pass over the scalars with a small tokenizer state machine (text, tag, attribute value,
/// comment, raw text); it never backtracks, so it is linear in the size of the page.
struct HTMLTextExtractor {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var sink = TextSink()
    /// Open elements whose content is not shown (head, nav, select, …), by name.
    private var hiddenDepth: [String: Int] = [:]
    private var preformattedDepth = 0

    static func text(from html: String) -> String {
        var extractor = HTMLTextExtractor(scalars: ScalarText(html).scalars)
        extractor.run()
        return extractor.sink.text
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Elements whose content is raw text up to their end tag, never shown.
    private static let rawTextElements: Set<String> = [
        "script", "style", "title", "textarea", "xmp", "noembed", "noframes", "noscript", "iframe", "template",
    ]
    /// Elements whose content is parsed but not part of the report.
    private static let hiddenElements: Set<String> = ["head", "nav", "select", "button", "svg", "math", "object"]
    /// Elements that start and end a line.
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "tfoot", "thead", "tr", "ul",
    ]

    private mutating func run() {
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "<" {
                readMarkup()
            } else if scalar == "&" {
                position += 1
                if isShown { emit(HTMLEntities.decode(scalars, at: &position)) }
            } else {
                position += 1
                if isShown { emit(scalar) }
            }
        }
    }

    private var isShown: Bool { hiddenDepth.isEmpty }

    private mutating func emit(_ text: [Unicode.Scalar]) {
        for scalar in text { emit(scalar) }
    }

    private mutating func emit(_ scalar: Unicode.Scalar) {
        if preformattedDepth > 0 {
            scalar == "\n" ? sink.lineBreak(always: true) : sink.character(scalar)
        } else if Self.isHTMLWhitespace(scalar) {
            sink.space(segmentBreak: scalar == "\n" || scalar == "\r")
        } else {
            sink.character(scalar)
        }
    }

    static func isHTMLWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func scalar(at offset: Int) -> Unicode.Scalar? {
        offset < scalars.count ? scalars[offset] : nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// At a `<`: a tag, a comment, a declaration, or a literal `<`.
    private mutating func readMarkup() {
        let next = scalar(at: position + 1)
        if Self.isASCIILetter(next) {
            position += 1
            let tag = readTag()
            handle(start: tag.name, selfClosing: tag.selfClosing)
        } else if next == "/", Self.isASCIILetter(scalar(at: position + 2)) {
            position += 2
            let tag = readTag()
            handle(end: tag.name)
        } else if next == "!", scalar(at: position + 2) == "-", scalar(at: position + 3) == "-" {
            position += 4
            skip(past: ["-", "-", ">"])
        } else if next == "!" || next == "?" || next == "/" {
            position += 2
            skip(past: [">"])
        } else {
            position += 1
            if isShown { emit("<") }
        }
    }

    /// Reads a tag name and its attributes up to the closing `>`, minding quoted values that hold `>`.
    private mutating func readTag() -> (name: String, selfClosing: Bool) {
        var name = String.UnicodeScalarView()
        while let scalar = scalar(at: position), scalar != ">", scalar != "/", !Self.isHTMLWhitespace(scalar) {
            name.append(Self.lowercased(scalar))
            position += 1
        }
        enum State { case attributes, doubleQuoted, singleQuoted }
        var state = State.attributes
        var selfClosing = false
        while let scalar = scalar(at: position) {
            position += 1
            switch state {
            case .attributes:
                switch scalar {
                case ">": return (String(name), selfClosing)
                case "\"": state = .doubleQuoted
                case "'": state = .singleQuoted
                case "/": selfClosing = true; continue
                default: break
                }
                selfClosing = false
            case .doubleQuoted: if scalar == "\"" { state = .attributes }
            case .singleQuoted: if scalar == "'" { state = .attributes }
            }
        }
        return (String(name), selfClosing)
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }

    /// Moves past the next occurrence of `terminator`, or to the end.
    private mutating func skip(past terminator: [Unicode.Scalar]) {
        while position < scalars.count {
            if scalars[position] == terminator[0], matches(terminator, at: position) {
                position += terminator.count
                return
            }
            position += 1
        }
    }

    private func matches(_ pattern: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset + pattern.count <= scalars.count else { return false }
        for (index, scalar) in pattern.enumerated() where Self.lowercased(scalars[offset + index]) != scalar {
            return false
        }
        return true
    }

    /// Moves past the end tag of a raw-text element: `</name` followed by whitespace, `/` or `>`.
    private mutating func skipRawText(of name: String) {
        let endTag: [Unicode.Scalar] = ["<", "/"] + Array(name.unicodeScalars)
        while position < scalars.count {
            if scalars[position] == "<", matches(endTag, at: position) {
                let after = scalar(at: position + endTag.count)
                if after == nil || after == ">" || after == "/" || Self.isHTMLWhitespace(after!) {
                    position += endTag.count
                    skip(past: [">"])
                    return
                }
            }
            position += 1
        }
    }

    private mutating func handle(start name: String, selfClosing: Bool) {
        if Self.rawTextElements.contains(name) {
            if !selfClosing { skipRawText(of: name) }
            return
        }
        if name == "body" { hiddenDepth["head"] = nil }
        if Self.hiddenElements.contains(name), !selfClosing {
            hiddenDepth[name, default: 0] += 1
            return
        }
        guard isShown else { return }
        switch name {
        case "br": sink.lineBreak(always: true)
        case "td", "th": sink.cellBreak()
        case "pre":
            sink.lineBreak(always: false)
            preformattedDepth += 1
            if scalar(at: position) == "\n" { position += 1 }
        default:
            if Self.blockElements.contains(name) { sink.lineBreak(always: false) }
        }
    }

    private mutating func handle(end name: String) {
        if let depth = hiddenDepth[name] {
            hiddenDepth[name] = depth > 1 ? depth - 1 : nil
            return
        }
        guard isShown else { return }
        if name == "pre" { preformattedDepth = max(0, preformattedDepth - 1) }
        if name == "br" {
            sink.lineBreak(always: true)
        } else if Self.blockElements.contains(name) {
            sink.lineBreak(always: false)
        }
    }
}

/// Collects shown text, collapsing whitespace the way a browser lays it out.
private struct TextSink {
    private var output = String.UnicodeScalarView()
    private var pendingSpace = false
    private var pendingSegmentBreak = false
    private var last: Unicode.Scalar?

    var text: String { String(output) }

    mutating func character(_ scalar: Unicode.Scalar) {
        if pendingSpace, let last, last != "\n", last != "\t",
           !(pendingSegmentBreak && Self.isWide(last) && Self.isWide(scalar)) {
            output.append(" ")
        }
        pendingSpace = false
        pendingSegmentBreak = false
        output.append(scalar)
        last = scalar
    }

    mutating func space(segmentBreak: Bool) {
        pendingSpace = true
        pendingSegmentBreak = pendingSegmentBreak || segmentBreak
    }

    /// Ends the line; unless `always`, only when something is on it.
    mutating func lineBreak(always: Bool) {
        pendingSpace = false
        pendingSegmentBreak = false
        guard always || (last != nil && last != "\n") else { return }
        output.append("\n")
        last = "\n"
    }

    mutating func cellBreak() {
        pendingSpace = false
        pendingSegmentBreak = false
        guard let last, last != "\n", last != "\t" else { return }
        output.append("\t")
        self.last = "\t"
    }

    /// East Asian wide characters, between which a line break in the source is dropped, not turned into a
    /// space (CSS Text 3, segment break transformation).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
    }
}
