/// A strict reader of the Prometheus text exposition format, for tests of the metrics file.
///
/// Refuses: a sample whose family has no TYPE before it, names or label names outside the allowed
/// characters, unquoted or badly escaped label values, a family's samples split up, a repeated TYPE or
/// HELP, a histogram whose buckets are not cumulative, lack `+Inf`, or whose `+Inf` differs from `_count`.
public struct PrometheusTextParser {
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Sample: Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public struct Family {
        public var name: String
        public var type: String
        public var help: String?
        public var samples: [Sample] = []
    }

    public private(set) var families: [String: Family] = [:]

    /// The value of the sample `name` with exactly `labels`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        families.values.lazy.flatMap(\.samples).first { $0.name == name && $0.labels == labels }?.value
    }

    public init(_ text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Malformed(description: "the text does not end with a newline") }
        var finished = Set<String>()
        var current: String?
        var helps: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            func fail(_ what: String) -> Malformed { Malformed(description: "line \(number + 1): \(what): \(line)") }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, parts[0] == "#", ["HELP", "TYPE"].contains(parts[1]) else {
                    throw fail("a comment that is not HELP or TYPE")
                }
                let name = parts[2]
                guard Self.isMetricName(name) else { throw fail("bad metric name") }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw fail("unknown type")
                    }
                    guard families[name] == nil else { throw fail("second TYPE for \(name)") }
                    if let current { finished.insert(current) }
                    families[name] = Family(name: name, type: parts[3], help: helps[name])
                    current = name
                } else {
                    guard helps[name] == nil else { throw fail("second HELP for \(name)") }
                    helps[name] = parts.count == 4 ? parts[3] : ""
                    if let family = families[name] {
                        guard family.samples.isEmpty else { throw fail("HELP after samples") }
                        families[name]?.help = helps[name]
                    }
                }
                continue
            }
            guard !line.isEmpty else { throw fail("empty line") }
            let sample = try Self.sample(String(line), fail: fail)
            guard let family = Self.family(of: sample.name, in: families) else { throw fail("sample without a TYPE before it") }
            guard family == current, !finished.contains(family) else { throw fail("samples of \(family) are not together") }
            families[family]?.samples.append(sample)
        }
        for family in families.values where family.type == "histogram" {
            try Self.checkHistogram(family)
        }
    }

    static func family(of sample: String, in families: [String: Family]) -> String? {
        if families[sample] != nil { return sample }
        for suffix in ["_bucket", "_sum", "_count"] where sample.hasSuffix(suffix) {
            let base = String(sample.dropLast(suffix.count))
            if families[base]?.type == "histogram" || families[base]?.type == "summary" { return base }
        }
        return nil
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func sample(_ line: String, fail: (String) -> Malformed) throws -> Sample {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var name = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.append(scalars[index])
            index += 1
        }
        guard isMetricName(String(name)) else { throw fail("bad metric name") }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while true {
                guard index < scalars.count else { throw fail("unclosed labels") }
                if scalars[index] == "}" { index += 1; break }
                var label = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "=" {
                    label.append(scalars[index])
                    index += 1
                }
                guard isLabelName(String(label)) else { throw fail("bad label name") }
                index += 1
                guard index < scalars.count, scalars[index] == "\"" else { throw fail("label value not quoted") }
                index += 1
                var value = String.UnicodeScalarView()
                while true {
                    guard index < scalars.count else { throw fail("unterminated label value") }
                    let scalar = scalars[index]
                    if scalar == "\"" { index += 1; break }
                    if scalar == "\\" {
                        guard index + 1 < scalars.count else { throw fail("dangling backslash") }
                        switch scalars[index + 1] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("unknown escape in a label value")
                        }
                        index += 2
                        continue
                    }
                    if scalar == "\n" { throw fail("newline in a label value") }
                    value.append(scalar)
                    index += 1
                }
                guard labels.updateValue(String(value), forKey: String(label)) == nil else { throw fail("label repeated") }
                guard index < scalars.count else { throw fail("unclosed labels") }
                if scalars[index] == "," { index += 1 } else if scalars[index] != "}" { throw fail("expected , or }") }
            }
        }
        guard index < scalars.count, scalars[index] == " " else { throw fail("no space before the value") }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[(index + 1)...])
        let fields = String(rest).split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), let value = parseValue(String(fields[0])) else { throw fail("bad value") }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp") }
        return Sample(name: String(name), labels: labels, value: value)
    }

    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    static func checkHistogram(_ family: Family) throws {
        func fail(_ what: String) -> Malformed { Malformed(description: "histogram \(family.name): \(what)") }
        let buckets = family.samples.filter { $0.name == family.name + "_bucket" }
        guard let count = family.samples.first(where: { $0.name == family.name + "_count" })?.value else { throw fail("no _count") }
        guard family.samples.contains(where: { $0.name == family.name + "_sum" }) else { throw fail("no _sum") }
        var previousBound = -Double.infinity
        var previousCount = 0.0
        for bucket in buckets {
            guard let le = bucket.labels["le"], let bound = parseValue(le) else { throw fail("a bucket without le") }
            guard bound > previousBound else { throw fail("bucket bounds not increasing") }
            guard bucket.value >= previousCount else { throw fail("buckets not cumulative") }
            previousBound = bound
            previousCount = bucket.value
        }
        guard previousBound == .infinity else { throw fail("no +Inf bucket last") }
        guard previousCount == count else { throw fail("+Inf bucket \(previousCount) is not _count \(count)") }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
