import Foundation
import ReportIntake
import ReportKit
import Testing

@Suite struct FailureTests {
    @Test func anEmptyFileFails() {
        let error = ReportFixtures.failure(Data(), name: "empty.txt")
        #expect(error == .empty)
        #expect(error?.description == "the file is empty (0 bytes)")
    }

    @Test func aZeroByteDocxFails() {
        #expect(ReportFixtures.failure(Data(), name: "report.docx") == .empty)
    }

    @Test func aTruncatedDocxFails() throws {
        let whole = try ReportFixtures.docx(ReportFixtures.signedReport)
        let error = try #require(ReportFixtures.failure(whole.prefix(whole.count * 2 / 3), name: "report.docx"))
        guard case .damagedDocx = error else {
            Issue.record("expected a damaged .docx, got \(error)")
            return
        }
        #expect(error.description.contains("not a complete ZIP archive"))
    }

    @Test func aDocxThatIsNotAZIPFails() throws {
        var noise = NoiseBytes(seed: 3)
        let error = try #require(ReportFixtures.failure(noise.next(300), name: "report.docx"))
        #expect(error == .damagedDocx("it is not a ZIP archive, and every .docx is one"))
    }

    @Test func aZIPWithoutAWordDocumentFails() throws {
        let data = try ReportFixtures.zip([("content.xml", Data("<office/>".utf8))])
        let error = try #require(ReportFixtures.failure(data, name: "report.docx"))
        #expect(error.description.contains("no word/document.xml"))
    }

    @Test func aZipBombIsRefusedByItsDeclaredSize() throws {
        let filler = String(repeating: "<w:p><w:r><w:t>法治</w:t></w:r></w:p>", count: 100_000)
        let data = try ReportFixtures.docx(body: filler)
        #expect(data.count < 100_000, "the fixture should compress well")
        var options = IntakeOptions()
        options.docxMaxUncompressedBytes = 1_000_000
        let error = try #require(ReportFixtures.failure(data, name: "bomb.docx", options: options))
        #expect(error == .docxOverLimit("its entries declare more than 1000000 bytes unpacked (docx_max_uncompressed_bytes)"))
        #expect(error.description.hasPrefix("the .docx is refused as a possible zip bomb"))
        #expect((try? ReportFixtures.read(data, name: "bomb.docx")) != nil, "the default limit reads it")
    }

    @Test func aZipBombThatUnderstatesItsSizeIsStoppedWhileUnpacking() throws {
        let filler = String(repeating: "<w:p><w:r><w:t>法治</w:t></w:r></w:p>", count: 50_000)
        let data = Self.understatingSizes(of: try ReportFixtures.docx(body: filler), entry: "word/document.xml",
                                          declared: 2_000)
        let error = try #require(ReportFixtures.failure(data, name: "bomb.docx"))
        #expect(error == .docxOverLimit("word/document.xml unpacks to more than the 2000 bytes its header declares"))
    }

    @Test func aSpreadsheetRenamedDocxFails() throws {
        let workbook = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"
        let data = try ReportFixtures.zip([("word/document.xml", Data(workbook.utf8))])
        let error = try #require(ReportFixtures.failure(data, name: "report.docx"))
        #expect(error == .damagedDocx("word/document.xml has no Word document body (a spreadsheet or slides renamed .docx?)"))
    }

    @Test func tooManyEntriesAreRefused() throws {
        let extra = (0..<30).map { ("word/media/image\($0).png", Data([0x89])) }
        var options = IntakeOptions()
        options.docxMaxEntries = 20
        let data = try ReportFixtures.docx(body: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>", extraEntries: extra)
        let error = try #require(ReportFixtures.failure(data, name: "many.docx", options: options))
        #expect(error == .docxOverLimit("it has more than 20 entries (docx_max_entries)"))
    }

    @Test(arguments: [
        ("report.pdf", Data("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8), "PDF"),
        ("report.doc", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0]), "Word 97-2003 (.doc)"),
        ("scan.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), "PNG image"),
        ("scan.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), "JPEG image"),
    ])
    func unreadFormatsFailSayingWhatIsRead(name: String, data: Data, format: String) throws {
        let error = try #require(ReportFixtures.failure(data, name: name))
        #expect(error.description.contains(format))
        #expect(error.description.contains("reportd reads .txt, .md, .html, .docx"))
    }

    @Test func aFileOverTheSizeLimitFailsBeforeItIsRead() throws {
        var options = IntakeOptions()
        options.maxBytes = 10
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).txt")
        let data = Data("一、总体情况\n正文很长。\n".utf8)
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: IntakeError.tooLarge(bytes: data.count, limit: 10)) {
            try ReportReader(options: options).read(url, name: "a.txt", received: Date())
        }
    }

    @Test func aPageWithNothingButFurnitureHasNoText() throws {
        let page = "<html><body><p>索引号</p><p>000014348/2023-00827</p><p>扫一扫在手机打开当前页</p></body></html>"
        #expect(ReportFixtures.failure(Data(page.utf8), name: "page.html") == .noText(format: ".html"))
    }

    /// The archive with `entry`'s uncompressed size rewritten to `declared` in its local header and in the
    /// central directory, as a zip bomb would lie.
    static func understatingSizes(of zip: Data, entry: String, declared: UInt32) -> Data {
        var bytes = [UInt8](zip)
        let name = Array(entry.utf8)
        let headers: [(signature: [UInt8], sizeOffset: Int, nameOffset: Int)] = [
            ([0x50, 0x4B, 0x03, 0x04], 22, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 46),
        ]
        for header in headers {
            var index = 0
            while index + header.nameOffset + name.count <= bytes.count {
                if Array(bytes[index..<index + 4]) == header.signature,
                   Array(bytes[index + header.nameOffset..<index + header.nameOffset + name.count]) == name {
                    for byte in 0..<4 { bytes[index + header.sizeOffset + byte] = UInt8(truncatingIfNeeded: declared >> (8 * byte)) }
                }
                index += 1
            }
        }
        return Data(bytes)
    }
}
