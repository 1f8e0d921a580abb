import Foundation
import ReportKit
import ReportKitTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A corpus of hostile and broken inputs, made here, dropped into a running daemon.
@Suite(.timeLimit(.minutes(5))) struct BadInputTests {
    /// Name and bytes of each regular file in the corpus.
    static func corpus() throws -> [(String, Data)] {
        let report = try Data(contentsOf: demoReports[1])
        var noise = SystemRandomNumberGenerator()
        let paragraph = "一、总体情况。全年开展学法活动十二次，覆盖干部职工三百余人次。"
        var nested = String(repeating: "<div>", count: 20_000) + "一、深层嵌套" + String(repeating: "</div>", count: 20_000)
        nested = "<html><body>" + nested + "</body></html>"
        let bomb = try DocxFixture.docx(body: "<w:p><w:r><w:t>" + String(repeating: "炸", count: 4_000_000) + "</w:t></w:r></w:p>")
        let traversal = try DocxFixture.docx(
            body: "<w:p><w:r><w:t>一、正文</w:t></w:r></w:p>",
            extraEntries: [("../../../../tmp/reportd-escaped.xml", Data("<x/>".utf8))])
        return [
            ("empty.txt", Data()),
            ("huge.txt", Data(repeating: 0x41, count: 12 * 1024 * 1024 + 1)),
            ("binary.txt", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &noise) })),
            ("truncated-utf8.txt", Data(paragraph.utf8).dropLast(1)),
            ("mixed-encodings.txt", Data(paragraph.utf8) + (paragraph.data(using: String.Encoding(rawValue: 0x80000632)) ?? Data([0xB9, 0xFA]))),
            ("nul-bytes.txt", Data(paragraph.utf8) + Data([0, 0, 0]) + Data(paragraph.utf8)),
            ("one-long-line.txt", Data(String(repeating: "全年开展学法活动，", count: 10 * 1024 * 1024 / 27).utf8)),
            ("nested.html", Data(nested.utf8)),
            ("bomb.docx", bomb),
            ("traversal.docx", traversal),
            ("zero.docx", Data()),
            ("truncated.docx", try DocxFixture.docx(body: "<w:p><w:r><w:t>一、正文</w:t></w:r></w:p>").prefix(300)),
            ("fake.pdf", Data("%PDF-1.4\n%âãÏÓ\n1 0 obj\n".utf8)),
            ("line\nbreak.txt", report),
            ("-rf --no-preserve-root.txt", report + Data("\n编号A\n".utf8)),
            (String(repeating: "报", count: 80) + ".txt", report + Data("\n编号B\n".utf8)),
            ("unreadable.txt", report + Data("\n编号C\n".utf8)),
        ]
    }

    @Test func everyBadInputEndsFailedWithAReasonOrProcessedAndTheDaemonLives() async throws {
        let daemon = try await Daemon(label: "bad", config: "[intake]\nmax_bytes = 12582912\ndocx_max_uncompressed_bytes = 4194304\n")
        defer { daemon.stop() }
        let corpus = try Self.corpus()
        var names = corpus.map(\.0)
        for (name, data) in corpus {
            try daemon.drop(name, data)
        }
        chmod(daemon.inbox.appendingPathComponent("unreadable.txt").path, 0)
        // A file name that is not UTF-8.
        let raw = Array((daemon.inbox.path + "/bad-\u{7F}").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        #expect(fd >= 0)
        _ = "一、正文".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        names.append("bad-_%FF%FE.txt")
        // Things that are not files.
        try FileManager.default.createSymbolicLink(atPath: daemon.inbox.appendingPathComponent("passwd.txt").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(daemon.inbox.appendingPathComponent("fifo.txt").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent("folder.txt"), withIntermediateDirectories: false)
        let outside = temporaryRoot("hardlink-target").appendingPathExtension("txt")
        try Data("一、外部文件".utf8).write(to: outside)
        #expect(link(outside.path, daemon.inbox.appendingPathComponent("hardlink.txt").path) == 0)
        names += ["passwd.txt", "fifo.txt", "folder.txt", "hardlink.txt"]

        let receipts = { Set(daemon.receipts) }
        await daemon.wait(until: .seconds(180), "a receipt for each of \(names.count) inputs") {
            receipts().count >= names.count && daemon.contents("spool").isEmpty
        }
        #expect(daemon.process.isRunning, "the daemon must survive the corpus")
        for name in names {
            let receiptName = ArchiveLayout.component(name)
            guard let receipt = try? daemon.receipt(receiptName) else {
                Issue.record("no receipt for \(name.debugDescription); outbox: \(receipts().sorted())")
                continue
            }
            let status = receipt["status"] as? String
            if status == "failed" {
                let reason = try json(daemon.root.appendingPathComponent("failed/\(receiptName).reason.json"))
                #expect((reason["reason"] as? String)?.isEmpty == false, "\(name): no reason")
            } else {
                #expect(status == "processed", "\(name): \(status ?? "nil")")
            }
        }
        for name in ["empty.txt", "huge.txt", "binary.txt", "nul-bytes.txt", "bomb.docx", "zero.docx", "truncated.docx",
                     "fake.pdf", "passwd.txt", "fifo.txt", "folder.txt", "hardlink.txt"] {
            #expect(try daemon.receipt(name)["status"] as? String == "failed", "\(name) must fail")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/reportd-escaped.xml"))
        #expect(try String(contentsOf: outside, encoding: .utf8) == "一、外部文件")
        #expect(daemon.contents("inbox").isEmpty)
        #expect(daemon.contents("spool").isEmpty)
    }
}
