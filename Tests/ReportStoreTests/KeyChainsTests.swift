@testable import ReportStore
import Testing

@Suite struct KeyChainsTests {
    @Test func everyKeyGivesItsValuesLastFirstThroughGrowth() {
        var chains = KeyChains<Int>()
        var expected: [Int64: [Int]] = [:]
        #expect(chains.isEmpty && chains.values(for: 7).isEmpty)
        var generator = SystemRandomNumberGenerator()
        // 3,000 keys (the table grows from 1,024 slots to 8,192), a third of them given several values;
        // small keys too, which differ only in their low bits.
        let keys = (0..<2_000).map { _ in Int64.random(in: .min ... .max, using: &generator) } + (0..<1_000).map(Int64.init)
        for (index, key) in (keys + keys.prefix(1_000) + keys.suffix(500)).enumerated() {
            chains.append(index, for: key)
            expected[key, default: []].insert(index, at: 0)
        }
        for key in keys { #expect(chains.values(for: key) == expected[key]) }
        #expect(chains.values(for: 5_000).isEmpty)
        #expect(!chains.isEmpty)
    }
}
