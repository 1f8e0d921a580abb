import Foundation
import Testing

@Suite struct VerifyCommandTests {
    let config = repository.appendingPathComponent("config/reportd.toml").path

    @Test func findsAndMendsDisagreementsBetweenCatalogueAndTree() async throws {
        let root = temporaryRoot("verify")
        let processed = try await reportd(["process", "--config", config, "--root", root.path] + demoReports.map(\.path))
        #expect(processed.status == 0)
        let clean = try await reportd(["verify", "--config", config, "--root", root.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("verify: 0 disagreements"))

        let entries = files(named: "document.json", under: root.appendingPathComponent("archive")).map { $0.deletingLastPathComponent() }
        try FileManager.default.removeItem(at: entries[0])
        let partial = entries[1].deletingLastPathComponent().appendingPathComponent(".abc.partial-x")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: false)

        let found = try await reportd(["verify", "--config", config, "--root", root.path])
        #expect(found.status == 1)
        #expect(found.stdout.contains("catalogued entry missing"))
        #expect(found.stdout.contains("partial entry"))

        let repaired = try await reportd(["verify", "--repair", "--config", config, "--root", root.path])
        #expect(repaired.status == 0, "\(repaired.stdout)")
        #expect(repaired.stdout.contains("2 disagreements, 2 mended"))
        #expect(!FileManager.default.fileExists(atPath: partial.path))

        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: root.appendingPathComponent("state/catalogue.sqlite").path + suffix)
        }
        let lost = try await reportd(["verify", "--repair", "--config", config, "--root", root.path])
        #expect(lost.stdout.contains("4 disagreements, 4 mended"), "\(lost.stdout)")
        let after = try await reportd(["verify", "--config", config, "--root", root.path])
        #expect(after.stdout.contains("verify: 0 disagreements"), "\(after.stdout)")
    }
}
