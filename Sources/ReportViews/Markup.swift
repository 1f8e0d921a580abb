/// An HTML page being written: every text and attribute value passes through ``HTMLText/escape(_:)``,
/// every void element is closed the XHTML way, so the result also parses as XML.
struct Markup {
    private(set) var html = ""

    /// Room for about `bytes` of markup up front, so a long page is not copied as it grows.
    init(reserving bytes: Int = 0) {
        html.reserveCapacity(bytes)
    }

    mutating func raw(_ markup: String) { html += markup }

    mutating func text(_ text: String) { html += HTMLText.escape(text) }

    mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        html += "<"
        html += tag
        append(attributes)
        html += ">"
    }

    mutating func close(_ tag: String) {
        html += "</"
        html += tag
        html += ">"
    }

    mutating func void(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        html += "<"
        html += tag
        append(attributes)
        html += " />"
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
            html += " "
            html += name
            html += "=\""
            html += HTMLText.escape(value)
            html += "\""
        }
    }
}
