import Foundation
@testable import Inbox
import ReportKit
import Testing

@Suite struct ClaimTokenTests {
    let root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)"))

    /// Writes `data` to `inbox/name` with a modification time a year back, as `mv` or `cp -p` of an old file gives.
    func dropOld(_ name: String, _ data: Data) throws -> URL {
        let file = root.inbox.appendingPathComponent(name)
        try data.write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -365 * 86_400)], ofItemAtPath: file.path)
        return file
    }

    @Test func twoClaimsOfOneFileAreTwoArrivalsAtTheirClaimTimes() throws {
        try root.create()
        defer { try? FileManager.default.removeItem(at: root.url) }
        let spool = Spool(root: root)
        let before = Date()
        let first = try spool.claim(try dropOld("r.txt", Data("一、正文".utf8)), name: "r.txt")
        let second = try spool.claim(try dropOld("r.txt", Data("一、正文".utf8)), name: "r.txt")
        // Other tests in this process claim too, and the instants run ahead of the clock by one
        // millisecond for each claim made within the same millisecond.
        #expect(first.received >= before.addingTimeInterval(-0.001) && first.received <= Date().addingTimeInterval(1),
                "received is the claim, not the file's modification time")
        #expect(Timestamp.string(from: first.received) != Timestamp.string(from: second.received))
        #expect(first.received < second.received)
        // After a restart the spool entry gives the same instant, so a re-run is the same arrival.
        #expect(try spool.pending().map { Timestamp.string(from: $0.received) }
                == [first, second].map { Timestamp.string(from: $0.received) })
    }

    @Test func claimsInOneMillisecondStillShowDistinctInstants() {
        let tokens = (0..<200).map { _ in ClaimToken.make() }
        let shown = tokens.compactMap { ClaimToken.claimed(in: $0[...]) }.map(Timestamp.string(from:))
        #expect(shown.count == tokens.count)
        #expect(Set(shown).count == tokens.count)
        #expect(shown == shown.sorted())
        #expect(tokens == tokens.sorted(), "spool entries still list in claim order")
    }

    @Test func anEntryFromBeforeClaimInstantsFallsBackToItsModificationTime() throws {
        try root.create()
        defer { try? FileManager.default.removeItem(at: root.url) }
        let old = root.spool.appendingPathComponent("m3k2x1a-1f-2@old.txt")
        try Data("x".utf8).write(to: old)
        let written = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: old.path)
        #expect(abs(try #require(SpooledReport(url: old)).received.timeIntervalSince(written)) < 0.001)
    }
}
