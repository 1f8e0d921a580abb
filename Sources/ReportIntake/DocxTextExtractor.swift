import Foundation
import FoundationXML
import ReportKit
import ZIPFoundation

/// The text of a .docx: its main document part read paragraph by paragraph, runs joined, tabs and breaks
/// kept, each table row as one line with its cells separated by tabs.
///
/// The archive is checked against `IntakeOptions` before anything is unpacked (entry count, declared
/// sizes), and the bytes actually unpacked are capped at the declared size, which a zip bomb can fake.
struct DocxTextExtractor {
    var maxUncompressedBytes: Int
    var maxEntries: Int

    init(options: IntakeOptions) {
        maxUncompressedBytes = options.docxMaxUncompressedBytes
        maxEntries = options.docxMaxEntries
    }

    /// The text and the encoding of the document part.
    func text(from data: Data) throws(IntakeError) -> (text: String, encoding: String) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .damagedDocx("it is not a complete ZIP archive (truncated or damaged: \(error))")
        }
        let entries = try checkedEntries(of: archive)
        let mainPart = try mainDocumentPath(in: archive, entries: entries)
        guard let entry = entries[mainPart] else {
            throw .damagedDocx("it has no \(mainPart), so it is a ZIP archive but not a Word document")
        }
        let xml = try unpack(entry, of: archive)
        if xml.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw .damagedDocx("\(mainPart) declares a DTD, which Word never writes")
        }
        let folder = (mainPart as NSString).deletingLastPathComponent
        let part = { (name: String) throws(IntakeError) -> Data? in
            let path = folder.isEmpty ? name : folder + "/" + name
            return try entries[path].map { entry throws(IntakeError) in try unpack(entry, of: archive) }
        }
        let numbering = DocxNumbering(numbering: try part("numbering.xml"), styles: try part("styles.xml"))
        let text = try DocxBodyParser.text(of: xml, part: mainPart, numbering: numbering)
        return (text, EncodingDetector.xmlEncodingLabel(xml))
    }

    /// The entries by path, once their number and declared sizes are within the limits.
    private func checkedEntries(of archive: Archive) throws(IntakeError) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        var count = 0
        var declared: UInt64 = 0
        for entry in archive {
            count += 1
            if count > maxEntries {
                throw .docxOverLimit("it has more than \(maxEntries) entries (docx_max_entries)")
            }
            declared += entry.uncompressedSize
            if declared > UInt64(maxUncompressedBytes) {
                throw .docxOverLimit("its entries declare more than \(maxUncompressedBytes) bytes unpacked "
                                     + "(docx_max_uncompressed_bytes)")
            }
            entries[entry.path] = entries[entry.path] ?? entry
        }
        if count == 0 { throw .damagedDocx("its ZIP directory lists no entries") }
        return entries
    }

    /// The part `_rels/.rels` names as the office document, `word/document.xml` when it names none.
    private func mainDocumentPath(in archive: Archive, entries: [String: Entry]) throws(IntakeError) -> String {
        let fallback = "word/document.xml"
        guard let rels = entries["_rels/.rels"] else { return fallback }
        let target = PackageRelationships.officeDocumentTarget(in: try unpack(rels, of: archive))
        guard var path = target else { return fallback }
        while path.hasPrefix("/") { path.removeFirst() }
        return path
    }

    private struct Overflow: Error {}

    /// The entry's bytes, refused as soon as they pass its declared size (itself within the limit).
    private func unpack(_ entry: Entry, of archive: Archive) throws(IntakeError) -> Data {
        let declared = Int(entry.uncompressedSize)
        var bytes = Data()
        bytes.reserveCapacity(min(declared, 1 << 24))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= declared else { throw Overflow() }
                bytes.append(chunk)
            }
        } catch is Overflow {
            throw .docxOverLimit("\(entry.path) unpacks to more than the \(declared) bytes its header declares")
        } catch {
            throw .damagedDocx("\(entry.path) cannot be unpacked (\(error))")
        }
        return bytes
    }
}

/// Reads `_rels/.rels` for the target of the officeDocument relationship.
private enum PackageRelationships {
    static func officeDocumentTarget(in xml: Data) -> String? {
        var target: String?
        XMLElementWalk.walk(xml) { element in
            guard element.name == "Relationship", target == nil,
                  element.attribute("Type")?.hasSuffix("/officeDocument") == true else { return }
            target = element.attribute("Target")
        }
        return target
    }
}

/// Walks WordprocessingML with `XMLParser` and collects paragraphs and table rows as lines.
private final class DocxBodyParser: NSObject, XMLParserDelegate {
    private static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    private static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    /// Word elements whose content is not shown: deleted and moved-away text, run and section properties,
    /// and paragraph properties as they were before a tracked change.
    private static let skippedWordElements: Set<String> = ["moveFrom", "del", "rPr", "sectPr", "pPrChange"]

    /// One open table: the row's finished cells and the cell being filled.
    private struct OpenTable {
        var cells: [String] = []
        var cell = ""
    }

    /// A paragraph being read: its text so far and the properties that decide its list label.
    private struct OpenParagraph {
        var text = ""
        var style: String?
        var numId: String?
        var level: Int?
    }

    private let numbering: DocxNumbering
    private var lines: [String] = []
    private var paragraphs: [OpenParagraph] = []
    private var propertiesDepth = 0
    private var tables: [OpenTable] = []
    private var runDepth = 0
    private var inText = false
    private var skipDepth = 0
    private var sawBody = false

    private init(numbering: DocxNumbering) {
        self.numbering = numbering
    }

    static func text(of xml: Data, part: String, numbering: DocxNumbering) throws(IntakeError) -> String {
        let reader = DocxBodyParser(numbering: numbering)
        // A stream is fed to libxml2 in chunks; one chunk of over 10 MB fails its lookup limit.
        let parser = XMLParser(stream: InputStream(data: xml))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw .damagedDocx("\(part) is not well-formed XML (line \(parser.lineNumber): \(reason))")
        }
        guard reader.sawBody else {
            throw .damagedDocx("\(part) has no Word document body (a spreadsheet or slides renamed .docx?)")
        }
        return reader.lines.joined(separator: "\n")
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if skipDepth > 0 || isSkipped(elementName, namespaceURI) {
            skipDepth += 1
            return
        }
        guard let namespaceURI, Self.wordNamespaces.contains(namespaceURI) else { return }
        if propertiesDepth > 0 {
            propertiesDepth += 1
            readParagraphProperty(elementName, attributes)
            return
        }
        switch elementName {
        case "body": sawBody = true
        case "p": paragraphs.append(OpenParagraph())
        case "pPr" where !paragraphs.isEmpty: propertiesDepth = 1
        case "r": runDepth += 1
        case "t": inText = true
        case "tab" where runDepth > 0: append("\t")
        case "br" where runDepth > 0, "cr" where runDepth > 0: append("\n")
        case "noBreakHyphen": append("-")
        case "tbl": tables.append(OpenTable())
        case "tr" where !tables.isEmpty: tables[tables.count - 1].cells = []
        case "tc" where !tables.isEmpty: tables[tables.count - 1].cell = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        guard let namespaceURI, Self.wordNamespaces.contains(namespaceURI) else { return }
        if propertiesDepth > 0 {
            propertiesDepth -= 1
            return
        }
        switch elementName {
        case "p": endParagraph()
        case "r": runDepth = max(0, runDepth - 1)
        case "t": inText = false
        case "tc" where !tables.isEmpty:
            let cell = tables[tables.count - 1].cell
            tables[tables.count - 1].cells.append(cell)
        case "tr" where !tables.isEmpty: endRow()
        case "tbl" where !tables.isEmpty: tables.removeLast()
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, skipDepth == 0 { append(string) }
    }

    private func isSkipped(_ name: String, _ namespace: String?) -> Bool {
        guard let namespace else { return false }
        if namespace == Self.markupCompatibility { return name == "Fallback" }
        return Self.wordNamespaces.contains(namespace) && Self.skippedWordElements.contains(name)
    }

    /// `w:pStyle` and the `w:numPr` of the open paragraph's `w:pPr`.
    private func readParagraphProperty(_ name: String, _ attributes: [String: String]) {
        let value = XMLElementWalk.Element(name: name, attributes: attributes).value
        switch name {
        case "pStyle": paragraphs[paragraphs.count - 1].style = value
        case "numId": paragraphs[paragraphs.count - 1].numId = value
        case "ilvl": paragraphs[paragraphs.count - 1].level = value.flatMap { Int($0) }
        default: break
        }
    }

    private func append(_ text: String) {
        guard !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text += text
    }

    /// A paragraph, with the label its list gives it, goes into the cell it sits in or becomes a line.
    private func endParagraph() {
        guard let open = paragraphs.popLast() else { return }
        let label = numbering.label(numId: open.numId, level: open.level, style: open.style)
        let paragraph = (label ?? "") + open.text
        if !tables.isEmpty, paragraphs.isEmpty {
            addToCell(paragraph, of: tables.count - 1)
        } else {
            lines.append(paragraph)
        }
    }

    private func addToCell(_ text: String, of table: Int) {
        guard !text.isEmpty else { return }
        let cell = tables[table].cell
        tables[table].cell = cell.isEmpty ? text : cell + " " + text
    }

    /// A row of the outermost table is a line; a row of a nested table joins the cell that holds it.
    private func endRow() {
        let row = tables[tables.count - 1].cells
        tables[tables.count - 1].cells = []
        if tables.count == 1 {
            lines.append(row.joined(separator: "\t"))
        } else {
            addToCell(row.filter { !$0.isEmpty }.joined(separator: " "), of: tables.count - 2)
        }
    }
}
