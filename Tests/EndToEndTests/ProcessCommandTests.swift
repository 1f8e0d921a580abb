import Foundation
import Testing

@Suite struct ProcessCommandTests {
    let config = repository.appendingPathComponent("config/reportd.toml").path

    @Test func processesTheDemoReportsIntoArchiveAndOutbox() async throws {
        let root = temporaryRoot("process")
        let reports = demoReports
        #expect(reports.count == 5)
        let run = try await reportd(["process", "--config", config, "--root", root.path] + reports.map(\.path))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("processed 5"))

        let documents = files(named: "document.json", under: root.appendingPathComponent("archive"))
        #expect(documents.count == 5)
        for document in documents {
            let fields = try json(document)
            #expect(Set(fields.keys) == ["id", "source", "meta", "sections", "metrics", "findings", "duplicate", "provenance", "tags"])
            let id = try #require(fields["id"] as? String)
            #expect(id.hasPrefix("sha256:") && id.count == 71)
            #expect(document.deletingLastPathComponent().lastPathComponent == String(id.dropFirst(7)))
            let provenance = try #require(fields["provenance"] as? [[String: Any]])
            #expect(provenance.compactMap { $0["processor"] as? String } == ["dedupe", "sections", "metrics", "audit", "archive"])
            let sections = try #require(fields["sections"] as? [[String: Any]])
            #expect(!sections.isEmpty, "no sections in \(document.path)")
            #expect(sections.allSatisfy { $0["level"] as? Int == 1 })
            let text = try String(contentsOf: document.deletingLastPathComponent().appendingPathComponent("text.txt"), encoding: .utf8)
            for section in sections {
                let span = try #require(section["span"] as? [Int])
                #expect(span[0] < span[1] && span[1] <= text.unicodeScalars.count)
            }
        }
        for report in reports {
            let receipt = try json(root.appendingPathComponent("outbox/\(report.lastPathComponent).json"))
            #expect(receipt["status"] as? String == "processed")
            let archive = try #require(receipt["archive"] as? String)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(archive).appendingPathComponent("document.json").path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("spool").path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: reports[0].path), "process must leave its input where it was")
    }

    @Test func badFilesFailWithReasonsAndANonZeroExit() async throws {
        let root = temporaryRoot("bad")
        let inputs = temporaryRoot("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let cases: [(String, Data)] = [
            ("empty.txt", Data()),
            ("binary.txt", Data((0..<256).map { UInt8($0) })),
            ("not-utf8.txt", Data([0xC3, 0x28, 0xA0, 0xA1, 0x0A])),
        ]
        for (name, data) in cases { try data.write(to: inputs.appendingPathComponent(name)) }
        let good = demoReports[0]
        let run = try await reportd(["process", "--config", config, "--root", root.path, good.path]
                              + cases.map { inputs.appendingPathComponent($0.0).path })
        #expect(run.status != 0)
        #expect(run.stdout.contains("processed 1"))
        #expect(run.stdout.contains("failed 3"))
        for (name, data) in cases {
            #expect(try Data(contentsOf: root.appendingPathComponent("failed/\(name)")) == data)
            let reason = try json(root.appendingPathComponent("failed/\(name).reason.json"))
            #expect((reason["reason"] as? String)?.isEmpty == false)
            let receipt = try json(root.appendingPathComponent("outbox/\(name).json"))
            #expect(receipt["status"] as? String == "failed")
        }
        #expect(run.stderr.contains("outcome=failed"))
    }

    @Test func sameFileTwiceIsArchivedOnce() async throws {
        let root = temporaryRoot("twice")
        let report = demoReports[1]
        for _ in 0..<2 {
            let run = try await reportd(["process", "--config", config, "--root", root.path, report.path])
            #expect(run.status == 0)
        }
        #expect(files(named: "document.json", under: root.appendingPathComponent("archive")).count == 1)
        let receipt = try json(root.appendingPathComponent("outbox/\(report.lastPathComponent).json"))
        #expect(receipt["status"] as? String == "duplicate")
        #expect(receipt["duplicate_of"] is NSNull, "the same bytes have its own id: never a duplicate of itself")
        let duplicate = try #require(receipt["duplicate"] as? [String: Any])
        #expect(duplicate["kind"] as? String == "exact")
        let original = try #require(duplicate["original"] as? [String: Any])
        #expect(original["file"] as? String == report.lastPathComponent)
        #expect((original["received"] as? String)?.isEmpty == false)
        let entry = try #require(original["archive"] as? String, "the first arrival's archive entry")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(entry).appendingPathComponent("document.json").path))
        #expect(entry.hasSuffix((receipt["id"] as? String ?? "-").replacingOccurrences(of: "sha256:", with: "")))
    }

    @Test func theSameFileDroppedTwiceInOneRunIsOneEntryAndADuplicateOfTheFirstArrival() async throws {
        let root = temporaryRoot("twice-one-run")
        let inputs = temporaryRoot("twice-one-run-inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let copy = inputs.appendingPathComponent("again.txt")
        try FileManager.default.copyItem(at: demoReports[1], to: copy)
        let run = try await reportd(["process", "--config", config, "--root", root.path, demoReports[1].path, copy.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("processed 1, duplicate 1"))
        #expect(files(named: "document.json", under: root.appendingPathComponent("archive")).count == 1)
        let first = try json(root.appendingPathComponent("outbox/\(demoReports[1].lastPathComponent).json"))
        let second = try json(root.appendingPathComponent("outbox/again.txt.json"))
        #expect(second["status"] as? String == "duplicate")
        #expect(second["id"] as? String == first["id"] as? String)
        #expect(second["duplicate_of"] as? String != second["id"] as? String)
        let original = (second["duplicate"] as? [String: Any])?["original"] as? [String: Any]
        #expect(original?["file"] as? String == demoReports[1].lastPathComponent)
        #expect(original?["archive"] as? String == first["archive"] as? String)
    }

    @Test func oneFileNamedTwiceOnTheCommandLineIsTwoArrivals() async throws {
        let root = temporaryRoot("named-twice")
        // Two workers claim the first two at once: their claims must not look like one arrival.
        let run = try await reportd(["process", "--config", config, "--root", root.path] + Array(repeating: demoReports[1].path, count: 4))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("processed 1, duplicate 3"), "\(run.stdout)")
        #expect(files(named: "document.json", under: root.appendingPathComponent("archive")).count == 1)
    }

    @Test func theSameTextUnderAnotherNameIsADuplicateNamingTheFirst() async throws {
        let root = temporaryRoot("retyped")
        let inputs = temporaryRoot("retyped-inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let original = demoReports[2]
        let text = try String(contentsOf: original, encoding: .utf8)
        let copy = inputs.appendingPathComponent("re-sent.txt")
        try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: copy)
        let run = try await reportd(["process", "--config", config, "--root", root.path, original.path, copy.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("processed 1, duplicate 1"))
        let first = try json(root.appendingPathComponent("outbox/\(original.lastPathComponent).json"))
        let second = try json(root.appendingPathComponent("outbox/re-sent.txt.json"))
        #expect(second["status"] as? String == "duplicate")
        #expect(second["duplicate_of"] as? String == first["id"] as? String)
        #expect(second["id"] as? String != first["id"] as? String)
        #expect(files(named: "document.json", under: root.appendingPathComponent("archive")).count == 1)
    }
}

@Suite struct CheckConfigCommandTests {
    @Test func shippedConfigIsAccepted() async throws {
        let run = try await reportd(["check-config", "--config", repository.appendingPathComponent("config/reportd.toml").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ok"))
    }

    @Test func checkConfigNamesTheTableEachProcessorRead() async throws {
        let folder = temporaryRoot("tables")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("reportd.toml")
        try "root = \"\(folder.appendingPathComponent("data").path)\"\npipeline = [\"sections\", \"metrics\", \"audit\"]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("config/sections.toml"),
                                         to: folder.appendingPathComponent("sections.toml"))
        // No $REPORTD_TABLES: a development build finds the rest in its checkout's config/.
        let run = try await reportd(["check-config", "--config", file.path], environment: ["REPORTD_TABLES": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let config = repository.appendingPathComponent("config").standardizedFileURL.path
        #expect(run.stdout.contains("table: sections: \(folder.appendingPathComponent("sections.toml").standardizedFileURL.path)\n"))
        #expect(run.stdout.contains("table: metrics: \(config)/metrics.toml\n"))
        #expect(run.stdout.contains("table: audit: \(config)/audit.toml\n"))
    }

    @Test func checkingAConfigOpensNoCatalogue() async throws {
        let root = temporaryRoot("check-only")
        let file = temporaryRoot("check-config").appendingPathExtension("toml")
        try "root = \"\(root.path)\"\npipeline = [\"dedupe\", \"archive\"]\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try await reportd(["check-config", "--config", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("state").path))
    }

    @Test func badConfigExitsOneNamingKeyAndLine() async throws {
        let file = temporaryRoot("config").appendingPathExtension("toml")
        try "root = \"/tmp/x\"\npipeline = [\"sections\", \"archive\"]\n\n[processors.archive]\nfsync = \"yes\"\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try await reportd(["check-config", "--config", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path):5: key 'processors.archive.fsync'"))
    }
}
