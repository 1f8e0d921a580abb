@testable import ReportStore
import Testing

@Suite struct MergedKeyFilterTests {
    func randomKeys(_ count: Int) -> [Int64] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in Int64.random(in: .min ... .max, using: &generator) }
    }

    /// The keys `filter` may hold at `generation`, given the table holds `keys`, and how many times it read them.
    func answers(_ filter: MergedKeyFilter, generation: Int64, table keys: [Int64], asking: [Int64]) throws -> (may: [Bool], scans: Int) {
        var scans = 0
        let may = try filter.using(generation: generation, estimate: { keys.count }, scan: { add in
            scans += 1
            keys.forEach(add)
        }) { mayHold in asking.map(mayHold) }
        return (may, scans)
    }

    @Test func everyMergedKeyMayBeHeldAndMostOthersAreNot() throws {
        let filter = MergedKeyFilter()
        let merged = randomKeys(50_000), absent = randomKeys(50_000)
        let held = try answers(filter, generation: 3, table: merged, asking: merged)
        #expect(held.may.allSatisfy { $0 } && held.scans == 1)
        let others = try answers(filter, generation: 3, table: merged, asking: absent)
        #expect(others.scans == 0, "built once for its generation")
        #expect(others.may.count { $0 } < 500, "at 16 bits a key and 7 probes, well under 1 % of absent keys pass")
    }

    @Test func aMergeMovesItOnWithItsKeysAndAnyOtherGenerationIsReadAgain() throws {
        let filter = MergedKeyFilter()
        let first = randomKeys(1_000), second = randomKeys(1_000), foreign = randomKeys(1_000)
        _ = try answers(filter, generation: 1, table: first, asking: [])
        filter.advance(from: 1, to: 2, adding: second)
        let advanced = try answers(filter, generation: 2, table: [], asking: first + second)
        #expect(advanced.may.allSatisfy { $0 } && advanced.scans == 0, "this process's merge: no read of the tables")
        // Another process merged `foreign` as generation 3; this one's next merge goes from 3 to 4.
        let mine = randomKeys(1_000)
        filter.advance(from: 3, to: 4, adding: mine)
        let after = try answers(filter, generation: 4, table: first + second + foreign + mine, asking: foreign + mine)
        #expect(after.scans == 1 && after.may.allSatisfy { $0 }, "a generation it did not see made is read again")
    }

    @Test func pastItsBoundItKeepsItsSizeAndStillRefusesNoMergedKey() throws {
        let filter = MergedKeyFilter(maximumBits: 1 << 20)
        let merged = randomKeys(200_000), absent = randomKeys(20_000)
        let held = try answers(filter, generation: 1, table: merged, asking: merged)
        #expect(held.may.allSatisfy { $0 })
        let others = try answers(filter, generation: 1, table: merged, asking: absent)
        #expect(others.scans == 0, "full at its bound: not built again")
        // 5 bits a key and 3 probes let about a tenth of absent keys through.
        #expect(others.may.count { $0 } < 4_000)
    }

    @Test func aCatalogueTooLargeForItsBitsIsNotScannedAndEveryKeyIsSought() throws {
        let filter = MergedKeyFilter(maximumBits: 1 << 20)
        var scans = 0
        let passed = try filter.using(generation: 1, estimate: { 300_000 }, scan: { _ in scans += 1 }) { mayHold in
            randomKeys(1_000).allSatisfy(mayHold)
        }
        #expect(passed && scans == 0, "under 4 bits a key: no scan, every key passes")
    }

    @Test func aScanThatFailsLeavesNoFilterForItsGeneration() throws {
        struct Interrupted: Error {}
        let filter = MergedKeyFilter()
        let keys = randomKeys(1_000)
        #expect(throws: Interrupted.self) {
            try filter.using(generation: 1, estimate: { keys.count }, scan: { add in
                keys.prefix(10).forEach(add)
                throw Interrupted()
            }) { _ in () }
        }
        let again = try answers(filter, generation: 1, table: keys, asking: keys)
        #expect(again.scans == 1 && again.may.allSatisfy { $0 }, "built again from the start")
    }

    @Test func itIsBuiltAgainLargerOnceFullAndSaysYesToAllItWasGiven() throws {
        let filter = MergedKeyFilter()
        let start = randomKeys(100), added = randomKeys(110_000)
        _ = try answers(filter, generation: 1, table: start, asking: [])
        filter.advance(from: 1, to: 2, adding: added)
        let full = try answers(filter, generation: 2, table: start + added, asking: start + added)
        #expect(full.scans == 1, "past 10 bits a key it is read again")
        #expect(full.may.allSatisfy { $0 })
    }
}
