import Foundation
import ReportIntake
import Testing

@Suite struct EncodingTests {
    static let encodings: [(label: String, bytes: @Sendable (String) -> Data)] = [
        ("utf-8", { Data($0.utf8) }),
        ("utf-8-bom", { Data([0xEF, 0xBB, 0xBF]) + Data($0.utf8) }),
        ("utf-16le", { Data([0xFF, 0xFE]) + $0.data(using: .utf16LittleEndian)! }),
        ("utf-16be", { Data([0xFE, 0xFF]) + $0.data(using: .utf16BigEndian)! }),
        ("gb18030", { $0.data(using: ReportFixtures.gb18030)! }),
    ]

    @Test(arguments: encodings.map(\.label))
    func eachEncodingReadsToTheSameTextAndIsRecorded(label: String) throws {
        let encode = try #require(Self.encodings.first { $0.label == label }?.bytes)
        for report in ReportFixtures.reports.values {
            let document = try ReportFixtures.read(encode(report), name: "report.txt")
            #expect(document.text == (try ReportFixtures.read(Data(report.utf8), name: "report.txt")).text)
            #expect(document.source.encoding == label)
        }
        #expect(try ReportFixtures.read(encode(ReportFixtures.signedReport), name: "report.txt").text
                    == ReportFixtures.signedReportText)
    }

    @Test func gbkTextWithCharactersOutsideGB2312StillReads() throws {
        let text = "报告人：王堃、李琍。“12・4”国家宪法日宣传活动共开展3场。\n"
        let document = try ReportFixtures.read(text.data(using: ReportFixtures.gb18030)!, name: "a.txt")
        #expect(document.text == text)
        #expect(document.source.encoding == "gb18030")
    }

    @Test(arguments: [
        ("Big5", [0xA5, 0xBB, 0xBE, 0xF7, 0xC3, 0xF6, 0xA8, 0xCC, 0xBE, 0xDA, 0xA6, 0xE6, 0xAC, 0x46, 0xB5, 0x7B,
                  0xA7, 0xC7, 0xAA, 0x6B, 0xBF, 0xEC, 0xB2, 0x7A, 0xA6, 0x7E, 0xAB, 0xD7, 0xA4, 0x75, 0xA7, 0x40,
                  0xB3, 0xF8, 0xA7, 0x69, 0xA1, 0x41, 0xA8, 0xC3, 0xC0, 0xCB, 0xB0, 0x51, 0xB0, 0xF5, 0xA6, 0xE6,
                  0xC1, 0x5A, 0xAE, 0xC4, 0xBB, 0x50, 0xB9, 0x77, 0xBA, 0xE2, 0xB9, 0x42, 0xA5, 0xCE, 0xB1, 0xA1,
                  0xA7, 0xCE, 0xA1, 0x43] as [UInt8]),
        ("Shift-JIS", [0x96, 0x7B, 0x94, 0x4E, 0x93, 0x78, 0x82, 0xCC, 0x95, 0xF1, 0x8D, 0x90, 0x8F, 0x91, 0x82,
                       0xCD, 0x8E, 0x73, 0x96, 0xF0, 0x8F, 0x8A, 0x82, 0xCC, 0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB,
                       0x82, 0xAA, 0x8E, 0xE6, 0x82, 0xE8, 0x82, 0xDC, 0x82, 0xC6, 0x82, 0xDF, 0x82, 0xBD, 0x81, 0x42]),
        ("EUC-JP", [0xCB, 0xDC, 0xC7, 0xAF, 0xC5, 0xD9, 0xA4, 0xCE, 0xCA, 0xF3, 0xB9, 0xF0, 0xBD, 0xF1, 0xA4, 0xCF,
                    0xBB, 0xD4, 0xCC, 0xF2, 0xBD, 0xEA, 0xA4, 0xCE, 0xC1, 0xED, 0xCC, 0xB3, 0xB2, 0xDD, 0xA4, 0xAC,
                    0xBC, 0xE8, 0xA4, 0xEA, 0xA4, 0xDE, 0xA4, 0xC8, 0xA4, 0xE1, 0xA4, 0xBF, 0xA1, 0xA3]),
    ])
    func otherEastAsianEncodingsAreNotReadAsGarbage(encoding: String, bytes: [UInt8]) throws {
        let error = try #require(ReportFixtures.failure(Data(bytes), name: "\(encoding).txt"))
        guard case .undecodable(let tried) = error else {
            Issue.record("expected undecodable, got \(error)")
            return
        }
        #expect(tried.count == 2)
        #expect(tried[0].hasPrefix("UTF-8"))
        #expect(tried[1].hasPrefix("GB18030"))
        #expect(error.description.contains("not to Chinese text"))
    }

    @Test func randomBytesFailNamingWhatWasTried() throws {
        var noise = NoiseBytes(seed: 42)
        let error = try #require(ReportFixtures.failure(noise.next(4096, excluding: [0]), name: "noise.txt"))
        #expect(error.description.contains("tried UTF-8"))
        #expect(error.description.contains("GB18030"))
    }

    @Test func theIdIsTheSHA256OfTheBytesAsSha256sumPrintsIt() {
        // Digests from FIPS 180-2's examples, as `printf abc | sha256sum` prints them.
        #expect(ReportReader.id(of: Data("abc".utf8))
                    == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ReportReader.id(of: Data())
                    == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func bytesWithNULAreBinary() throws {
        var noise = NoiseBytes(seed: 7)
        let error = try #require(ReportFixtures.failure(Data("正文".utf8) + Data([0]) + noise.next(512), name: "a.txt"))
        #expect(error == .binary(detail: "it holds NUL bytes (the first at byte 6) and no UTF-16 byte-order mark"))
    }

    @Test func controlCharactersInValidUTF8AreBinary() throws {
        let error = try #require(ReportFixtures.failure(Data("报告\u{01}\u{02}正文".utf8), name: "a.txt"))
        #expect(error.description.contains("U+0001"))
        #expect(error.description.contains("binary"))
    }

    @Test func utf16WithAnOddByteCountIsCutShort() throws {
        let data = Data([0xFF, 0xFE]) + "报告".data(using: .utf16LittleEndian)! + Data([0x41])
        let error = try #require(ReportFixtures.failure(data, name: "a.txt"))
        #expect(error.description.contains("odd number of bytes"))
    }

    @Test func aUTF8ByteOrderMarkBeforeInvalidBytesIsNotGuessedAgain() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + "报告".data(using: ReportFixtures.gb18030)!
        #expect(ReportFixtures.failure(data, name: "a.txt")
                    == .undecodable(tried: ["UTF-8 (after its byte-order mark): invalid byte sequence at byte 0"]))
    }
}
