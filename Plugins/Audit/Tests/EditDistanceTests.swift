@testable import AuditProcessor
import Testing

@Suite struct EditDistanceTests {
    /// The whole Levenshtein table, for comparison.
    static func fullDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test func theBandedDistanceAgreesWithTheWholeTableWithinItsLimit() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["法", "治", "政", "府", "条", "例"]
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var b = a
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &generator))
                case 1: b.insert(alphabet.randomElement(using: &generator)!, at: Int.random(in: 0...b.count, using: &generator))
                default: if !b.isEmpty { b[Int.random(in: 0..<b.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
                }
            }
            let full = Self.fullDistance(a, b)
            for limit in 1...3 {
                #expect(CitationRules.editDistance(a, b, limit: limit) == min(full, limit + 1), "\(String(a)) / \(String(b)), limit \(limit)")
            }
        }
    }
}
