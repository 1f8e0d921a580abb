/// An HTML page being written: every text and attribute value passes through ``HTMLText/escape(_:)``,
/// every void element is closed the XHTML way, so the result also parses as XML.
///
/// The page is kept as UTF-8 bytes: appending to a `String` updated its counts and flags on every
/// piece, which was a quarter of the time of a report page.
struct Markup {
    private(set) var bytes: [UInt8] = []

    /// The page as text.
    var html: String { String(decoding: bytes, as: UTF8.self) }

    /// Room for about `bytes` of markup up front, so a long page is not copied as it grows.
    init(reserving count: Int = 0) {
        bytes.reserveCapacity(count)
    }

    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    mutating func text(_ text: String) { HTMLText.appendEscaped(text, to: &bytes) }

    /// Text given as UTF-8 bytes (a piece of a longer text), escaped.
    mutating func text(utf8 text: ArraySlice<UInt8>) { HTMLText.appendEscaped(text, to: &bytes) }

    private mutating func put(_ piece: String) { bytes.append(contentsOf: piece.utf8) }

    mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        put("<")
        put(tag)
        append(attributes)
        put(">")
    }

    mutating func close(_ tag: String) {
        put("</")
        put(tag)
        put(">")
    }

    mutating func void(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        put("<")
        put(tag)
        append(attributes)
        put(" />")
    }

    /// `<tag …>text</tag>`.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], _ text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// A link when `href` is known, else the text alone.
    mutating func link(_ text: String, href: String?) {
        if let href { element("a", ["href": href], text) } else { self.text(text) }
    }

    /// The page's start: doctype, head with inline style, and the opening body.
    mutating func begin(title: String, style: String) {
        raw("<!DOCTYPE html>\n")
        open("html", ["lang": "zh-CN"])
        open("head")
        void("meta", ["charset": "utf-8"])
        void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        void("meta", ["name": "referrer", "content": "no-referrer"])
        element("title", [:], title)
        open("style")
        raw(style)
        close("style")
        close("head")
        raw("\n")
        open("body")
    }

    mutating func end() {
        close("body")
        close("html")
        raw("\n")
    }

    private mutating func append(_ attributes: KeyValuePairs<String, String?>) {
        for (name, value) in attributes {
            guard let value else { continue }
            put(" ")
            put(name)
            put("=\"")
            HTMLText.appendEscaped(value, to: &bytes)
            put("\"")
        }
    }
}
