import Foundation
import Testing

/// A one-page PDF with a line of text per entry of `lines`, in the base Helvetica font.
func minimalPDF(_ lines: [String]) -> Data {
    let stream = "BT /F1 12 Tf 72 720 Td 16 TL " + lines.map { "(\($0)) Tj T*" }.joined(separator: " ") + " ET"
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
    ]
    var pdf = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
        offsets.append(pdf.utf8.count)
        pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = pdf.utf8.count
    pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    pdf += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
    pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Data(pdf.utf8)
}

@Suite(.timeLimit(.minutes(3))) struct ExecPluginTests {
    let examples = repository.appendingPathComponent("Plugins/Exec/examples")
    let testPlugins = repository.appendingPathComponent("Plugins/Exec/Tests/plugins")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "needs poppler-utils"))
    func aPDFBecomesTextThroughThePdftotextPluginAndThePythonPluginAddsToIt() async throws {
        let daemon = try await Daemon(label: "exec", config: """
            [processors.pdf]
            type = "exec"
            command = ["\(examples.path)/pdftotext.sh"]
            formats = ["pdf"]
            [processors.keywords]
            type = "exec"
            command = ["\(examples.path)/keywords.py"]
            mode = "long-lived"
            """, pipeline: ["pdf", "sections", "keywords", "archive"])
        defer { daemon.stop() }
        try daemon.drop("bureau-report.pdf", minimalPDF(["Annual report of the science bureau", "Trainings held: 12"]))
        try daemon.drop("plain.txt", try uniqueReport(0, base: 13))
        await daemon.wait(for: "report done", count: 2)
        let receipt = try daemon.receipt("bureau-report.pdf")
        #expect(receipt["status"] as? String == "processed", "\(receipt)")
        let archive = try #require(receipt["archive"] as? String)
        let folder = daemon.root.appendingPathComponent(archive)
        let text = try String(contentsOf: folder.appendingPathComponent("text.txt"), encoding: .utf8)
        #expect(text.contains("Trainings held: 12"))
        let document = try json(folder.appendingPathComponent("document.json"))
        #expect((document["source"] as? [String: Any])?["encoding"] as? String == "converted by pdf")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("original.pdf").path))
        let plain = try json(daemon.root.appendingPathComponent(try #require(try daemon.receipt("plain.txt")["archive"] as? String))
            .appendingPathComponent("document.json"))
        #expect((plain["tags"] as? [String])?.contains("topic:science") == true)
        let provenance = (plain["provenance"] as? [[String: Any]])?.compactMap { $0["processor"] as? String }
        #expect(provenance == ["pdf", "sections", "keywords", "archive"])
    }

    @Test func aHangingPluginCostsOneReportAClearFailureAndNothingMore() async throws {
        let daemon = try await Daemon(label: "hang", config: """
            [processors.slow]
            type = "exec"
            command = ["\(testPlugins.path)/slow.sh"]
            timeout_seconds = 1
            """, pipeline: ["sections", "slow", "archive"])
        defer { daemon.stop() }
        try daemon.drop("a.txt", try uniqueReport(1, base: 14))
        await daemon.wait(for: "report done")
        let reason = try json(daemon.root.appendingPathComponent("failed/a.txt.reason.json"))
        #expect((reason["reason"] as? String)?.contains("no reply within") == true)
        #expect(reason["processor"] as? String == "slow")
        #expect(daemon.process.isRunning)
        try daemon.drop("b.txt", try uniqueReport(2, base: 14))
        await daemon.wait(for: "report done", count: 2)
        #expect(try daemon.receipt("b.txt")["status"] as? String == "failed")
    }
}
