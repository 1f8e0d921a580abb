import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A page parsed as XML, the strict check that tags are balanced and nested and attributes quoted;
/// every element is kept with its attributes and the text it contains.
public final class XHTMLPage {
    public struct Element {
        public var name: String
        public var attributes: [String: String]
        /// All text inside the element, its descendants' included.
        public var text: String
    }

    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var elements: [Element] = []

    public init(_ html: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse(), collector.open.isEmpty else {
            let error = parser.parserError.map { "\($0)" } ?? "unbalanced"
            throw Malformed(description: "line \(parser.lineNumber), column \(parser.columnNumber): \(error)")
        }
        elements = collector.elements
    }

    /// Elements named `name`, in document order.
    public func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Elements carrying attribute `attribute`, in document order.
    public func with(_ attribute: String) -> [Element] { elements.filter { $0.attributes[attribute] != nil } }

    /// The element whose id is `id`.
    public func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }
    }
}
