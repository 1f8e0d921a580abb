@testable import DedupeProcessor
import Foundation
import ReportKit
import ReportStore
import Testing

@Suite struct ExactDuplicateTests {
    @Test func theSameBytesArrivingAgainAreAnExactDuplicateNamingTheFirstArrivalNeverItself() async throws {
        let desk = try DeskFixture()
        let first = DeskFixture.document(Fixtures.transport, id: "sha256:aa", name: "交通局报告.txt")
        #expect(try await desk.file(first).outcome == .processed)

        let again = DeskFixture.document(Fixtures.transport, id: "sha256:aa", name: "交通局报告(1).txt",
                                         received: "2026-03-02T09:30:00Z")
        let result = try await desk.file(again)
        #expect(result.outcome == .duplicate(of: nil), "the id is its own: the first arrival is named instead")
        #expect(result.document.duplicate == DuplicateReference(
            of: nil, kind: .exact, similarity: 1,
            original: EarlierArrival(file: "交通局报告.txt", received: "2026-03-01T08:00:00Z", archive: "archive/x/aa")))
        #expect(try desk.catalogue.report(id: "sha256:aa")?.status == "processed", "the first arrival's row is kept")
    }

    @Test func twoCopiesInOneBatchAreCaughtBeforeEitherOutcomeIsRecorded() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:first", name: "a.txt"), recorded: false)
        let sameBytes = try await desk.file(
            DeskFixture.document(Fixtures.transport, id: "sha256:first", name: "b.txt", received: "2026-03-01T08:00:01Z"),
            recorded: false)
        #expect(sameBytes.outcome == .duplicate(of: nil))
        // Still staged, the first arrival is named with the entry it is being archived in, so a page can link to it.
        #expect(sameBytes.document.duplicate?.original == EarlierArrival(file: "a.txt", received: "2026-03-01T08:00:00Z",
                                                                         archive: "archive/unknown/unknown/first"))
        let sameText = try await desk.file(DeskFixture.document(Fixtures.transport + "\n", id: "sha256:retyped", name: "c.txt"),
                                           recorded: false)
        #expect(sameText.outcome == .duplicate(of: "sha256:first"))
        #expect(try desk.store.counts().reports == 0, "nothing is written before a flush or an outcome")
    }

    @Test func concurrentCopiesNeverAllSlipThrough() async throws {
        let desk = try DeskFixture()
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for copy in 0..<6 {
                let document = DeskFixture.document(Fixtures.transport + String(repeating: "\n", count: copy),
                                                    id: "sha256:copy\(copy)", name: "copy\(copy).txt")
                group.addTask { (try? await desk.file(document, recorded: false).outcome) ?? .processed }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { $0 == .processed } == 1)
        #expect(outcomes.count { if case .duplicate = $0 { true } else { false } } == 5)
    }

    @Test func theSameTextInAnotherEncodingOrLayoutIsATextDuplicate() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:docx", name: "report.docx"))
        let reflowed = Fixtures.transport
            .replacingOccurrences(of: "\n", with: "\r\n\u{3000}\u{3000}")
            .replacingOccurrences(of: "2024", with: "２０２４")
        let result = try await desk.file(DeskFixture.document(reflowed, id: "sha256:gbk-txt", name: "report.txt"))
        #expect(result.outcome == .duplicate(of: "sha256:docx"))
        #expect(result.document.duplicate?.kind == .text)
    }

    @Test func aCopyOfAReportWhoseChainFailedIsNotADuplicate() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:broken"), failed: true)
        let result = try await desk.file(DeskFixture.document(Fixtures.transport + "\n", id: "sha256:good"))
        #expect(result.outcome == .processed)
        #expect(result.document.duplicate == nil)
    }
}

@Suite struct ReprocessingTests {
    @Test func aReportReprocessedAfterACrashIsNeitherItsOwnDuplicateNorStoredTwice() async throws {
        let desk = try DeskFixture()
        let report = DeskFixture.document(Fixtures.transport, id: "sha256:once", name: "a.txt")

        try await desk.file(report, recorded: false)
        try desk.catalogue.flushStagedFingerprints()
        let afterFirst = try desk.store.counts()
        #expect(afterFirst.reports == 1 && afterFirst.bands > 0 && afterFirst.paragraphs > 0)

        let second = try await desk.file(report)
        #expect(second.outcome == .processed)
        #expect(second.document.duplicate == nil)
        #expect(try desk.store.counts() == afterFirst)

        let third = try await desk.file(report)
        #expect(third.outcome == .processed, "archived, then re-read before the spool was released")
        #expect(third.document.duplicate == nil)
        #expect(third.document.findings.allSatisfy { !$0.message.contains("sha256:once") })
        #expect(try desk.store.counts() == afterFirst)
        #expect(desk.catalogue.stagedFingerprints.counts.staged == 0, "each outcome ended its staging")
    }

    @Test func aCrashAfterTheFlushAndBeforeTheOutcomeIsTheSameArrivalAfterARestart() async throws {
        let desk = try DeskFixture()
        let report = DeskFixture.document(Fixtures.transport, id: "sha256:crash", name: "a.txt")
        try await desk.file(report, recorded: false)
        try desk.catalogue.flushStagedFingerprints()
        let written = try desk.store.counts()

        let restarted = try DeskFixture(reopening: desk)
        let rerun = try await restarted.file(report)
        #expect(rerun.outcome == .processed)
        #expect(rerun.document.duplicate == nil)
        #expect(try restarted.store.counts() == written)
    }

    @Test func stagingIsFlushedPastItsThresholdAndAFailureEndsIt() async throws {
        let desk = try DeskFixture(stagingFlushThreshold: 3)
        for index in 0..<4 {
            try await desk.file(DeskFixture.document(Fixtures.distinct(index), id: "sha256:r\(index)", name: "r\(index).txt"),
                                recorded: false)
        }
        #expect(try desk.store.counts().reports == 3, "the third staging reached the threshold")
        #expect(desk.catalogue.stagedFingerprints.counts == (staged: 4, unwritten: 1))
        try await desk.file(DeskFixture.document(Fixtures.distinct(3), id: "sha256:r3", name: "r3.txt"), failed: true)
        #expect(desk.catalogue.stagedFingerprints.counts == (staged: 3, unwritten: 0))
        let copy = try await desk.file(DeskFixture.document(Fixtures.distinct(3) + "\n", id: "sha256:again", name: "again.txt"))
        #expect(copy.outcome == .processed, "the failed report's staging is gone, and its rows were never written")
    }
}

@Suite struct NearDuplicateTests {
    @Test func anEditedCopyIsANearDuplicateWithItsSimilarityAndTheChainGoesOn() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:v1"))
        try await desk.file(DeskFixture.document(Fixtures.forestry, id: "sha256:forest"))
        let result = try await desk.file(DeskFixture.document(Fixtures.transportEdited, id: "sha256:v2"))
        #expect(result.outcome == .processed)
        let duplicate = try #require(result.document.duplicate)
        #expect(duplicate.of == "sha256:v1")
        #expect(duplicate.kind == .near)
        #expect(duplicate.similarity > 0.5 && duplicate.similarity < 1)
    }

    @Test func anUnrelatedReportIsNotMatched() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:transport"))
        let result = try await desk.file(DeskFixture.document(Fixtures.forestry, id: "sha256:forest"))
        #expect(result.outcome == .processed)
        #expect(result.document.duplicate == nil)
        #expect(result.document.findings.isEmpty)
    }
}

@Suite struct PassageTests {
    @Test func aSentenceSaidTwiceIsARepeatedPassageAtItsSecondPlace() async throws {
        let desk = try DeskFixture()
        let result = try await desk.file(DeskFixture.document(Fixtures.forestryWithRepeat, id: "sha256:repeat"))
        let findings = result.document.findings.filter { $0.rule == "dedupe.repeated-passage" }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        let text = ScalarText(Fixtures.forestryWithRepeat)
        #expect(text[finding.span] == Fixtures.repeatedSentence)
        let first = Fixtures.forestryWithRepeat.unicodeScalars.count
            - Fixtures.forestryWithRepeat.components(separatedBy: Fixtures.repeatedSentence)[1...].joined(separator: Fixtures.repeatedSentence).unicodeScalars.count
            - Fixtures.repeatedSentence.unicodeScalars.count
        #expect(finding.message.contains("第\(first)–\(first + Fixtures.repeatedSentence.unicodeScalars.count)字"))
        #expect(finding.span.start > first)
    }

    @Test func aParagraphCopiedFromAnotherArchivedReportNamesThatReportAndItsSpan() async throws {
        let desk = try DeskFixture()
        var transport = DeskFixture.document(Fixtures.transport, id: "sha256:transport", name: "交通局2024.docx",
                                             issuer: "某市交通运输局")
        transport.meta.year = 2024
        try await desk.file(transport)
        let result = try await desk.file(DeskFixture.document(Fixtures.forestryWithBorrowedParagraph, id: "sha256:forest"))
        #expect(result.document.duplicate == nil)
        let shared = result.document.findings.filter { $0.rule == "dedupe.shared-paragraph" }
        #expect(shared.count == 1)
        let finding = try #require(shared.first)
        let text = ScalarText(Fixtures.forestryWithBorrowedParagraph)
        #expect(text[finding.span].hasPrefix("（三）推进政务公开"))
        #expect(text[finding.span].contains("七个工作日"))
        #expect(finding.message.contains("sha256:transport"))
        #expect(finding.message.contains("交通局2024.docx"))
        #expect(finding.message.contains("某市交通运输局"))
        let original = ScalarText(Fixtures.transport)
        let start = Fixtures.transport.unicodeScalars.count
            - Fixtures.transport.components(separatedBy: "（三）推进政务公开")[1].unicodeScalars.count - "（三）推进政务公开".unicodeScalars.count
        #expect(original[Span(start, start + 9)] == "（三）推进政务公开")
        #expect(finding.message.contains("第\(start)–"))
    }

    @Test func shortParagraphsAreNeverShared() async throws {
        let desk = try DeskFixture()
        try await desk.file(DeskFixture.document(Fixtures.transport, id: "sha256:transport"))
        let result = try await desk.file(DeskFixture.document(
            "一、主要工作进展\n二、存在的不足\n某县林业和草原局\n" + Fixtures.forestry, id: "sha256:other"))
        #expect(result.document.findings.isEmpty)
    }
}

@Suite struct ConfigurationTests {
    @Test func bandsMustDividePermutations() {
        var configuration = DedupeConfiguration()
        #expect(throws: Never.self) { try configuration.validate() }
        configuration.bands = 30
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration = DedupeConfiguration()
        configuration.nearThreshold = 0
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}

@Suite struct SketchTests {
    @Test func minHashAgreementEstimatesJaccard() {
        let shingler = Shingler(size: 5)
        let hasher = MinHasher(permutations: 128)
        let a = shingler.hashes(of: ScalarFolding.content.fold(Fixtures.transport.unicodeScalars))
        let b = shingler.hashes(of: ScalarFolding.content.fold(Fixtures.transportEdited.unicodeScalars))
        let exact = Shingler.jaccard(Shingler.stored(a), Shingler.stored(b))
        let sa = hasher.signature(of: a), sb = hasher.signature(of: b)
        let estimate = Double(zip(sa, sb).count { $0 == $1 }) / 128
        #expect(exact > 0.5 && exact < 0.95)
        #expect(abs(estimate - exact) < 0.15)
    }

    @Test func theStoredSetIsTheDistinctTopHalvesInOrder() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 64, 65, 1000, 5000] {
            // Repeats, and values that share their top bits, as shingles of repeated text give.
            var hashes = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
            hashes += hashes.prefix(count / 3)
            hashes += hashes.prefix(count / 4).map { $0 ^ 0xFFFF }
            hashes.shuffle(using: &generator)
            let expected = Set(hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }).sorted()
            #expect(Shingler.stored(hashes) == expected, "\(count) hashes")
        }
    }

    @Test func foldingUnifiesWidthAndSpacing() {
        #expect(NormalisedTextHash.of("２０２４年 共 17 项") == NormalisedTextHash.of("2024年共17项"))
        #expect(NormalisedTextHash.of("2024年共17项") != NormalisedTextHash.of("2024年共18项"))
    }
}
