import Foundation
import ReportKitTesting
import ReportStore
import ReportViews
import Testing

@Suite struct ExportEncoderTests {
    let columns = ["id", "text", "value", "approx", "unit"]
    let rows: [[CellValue]] = [
        [.text("a"), .text("含,逗号"), .real(12), .bool(true), .null],
        [.text("b"), .text("引号\"内\"和\r\n换行"), .real(0.125), .bool(false), .text("%")],
        [.text("c"), .text(""), .integer(-3), .bool(false), .text("万元")],
    ]

    @Test func csvIsUTF8WithBOMQuotedByRFC4180AndEndsLinesWithCRLF() throws {
        let encoder = ExportEncoder(format: .csv, columns: columns)
        let output = encoder.preamble + rows.map(encoder.line).joined()
        let bytes = Array(output.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let records = try StrictCSV.parse(String(output.unicodeScalars.dropFirst()))
        #expect(records[0] == columns)
        #expect(records[1] == ["a", "含,逗号", "12", "true", ""])
        #expect(records[2] == ["b", "引号\"内\"和\r\n换行", "0.125", "false", "%"])
        #expect(records[3] == ["c", "", "-3", "false", "万元"])
    }

    @Test func csvTextThatASpreadsheetWouldRunIsDefusedAndNumbersKeepTheirSign() throws {
        let encoder = ExportEncoder(format: .csv, columns: ["text", "value"])
        let cells: [[CellValue]] = [
            [.text("=HYPERLINK(\"http://x\",\"点此\")"), .integer(-3)],
            [.text("+1"), .real(-0.5)],
            [.text("-2"), .null],
            [.text("@SUM(A1)"), .null],
            [.text("\t制表"), .null],
            [.text("＝全角"), .null],
            [.text("普通 = 文字"), .null],
        ]
        let records = try StrictCSV.parse(String((encoder.preamble + cells.map(encoder.line).joined()).unicodeScalars.dropFirst()))
        #expect(records.dropFirst().map { $0[0] } == [
            "'=HYPERLINK(\"http://x\",\"点此\")", "'+1", "'-2", "'@SUM(A1)", "'\t制表", "'＝全角", "普通 = 文字",
        ])
        #expect(records[1][1] == "-3" && records[2][1] == "-0.5")
        let json = ExportEncoder(format: .jsonl, columns: ["text", "value"]).line(cells[0])
        #expect(json.hasPrefix("{\"text\":\"=HYPERLINK"))
    }

    @Test func jsonLinesAreOneObjectPerLine() throws {
        let encoder = ExportEncoder(format: .jsonl, columns: columns)
        let output = encoder.preamble + rows.map(encoder.line).joined()
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == rows.count + 1 && lines.last == "")
        let second = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["text"] as? String == "引号\"内\"和\r\n换行")
        #expect(second["value"] as? Double == 0.125)
        #expect(second["approx"] as? Bool == false)
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["unit"] is NSNull)
    }

    @Test func theStrictParserRefusesLooseCSV() {
        for text in ["a,b\n", "a,\"b\r\n", "a,b\"c\r\n", "\"a\"b\r\n", "a,b", "a,b\r\nc\r\n"] {
            #expect(throws: StrictCSV.Malformed.self, "\(text.debugDescription)") { try StrictCSV.parse(text) }
        }
    }
}
