import ReportKit
import Testing

/// One metric as a reviewer would list it: what the tests compare the scan against.
struct Gold: CustomStringConvertible, Equatable {
    var text: String
    var value: Double
    var unit: String?
    var qualifier: String?
    var kind: Metric.Kind
    var counted: String?
    var approx: Bool
    var normalized: Double?

    init(_ text: String, _ value: Double, _ unit: String?, _ qualifier: String? = nil, _ kind: Metric.Kind = .count,
         counted: String?, approx: Bool = false, normalized: Double? = nil) {
        self.text = text
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.kind = kind
        self.counted = counted
        self.approx = approx
        self.normalized = normalized
    }

    init(_ metric: Metric) {
        self.init(metric.text, metric.value, metric.unit, metric.qualifier, metric.kind, counted: metric.counted,
                  approx: metric.approx, normalized: metric.normalized)
    }

    var description: String {
        "\(text) \(value) \(unit ?? "-") \(qualifier ?? "-") \(kind) \(counted ?? "-")\(approx ? " ~" : "")\(normalized.map { " =\($0)" } ?? "")"
    }
}

/// Expects the metrics of `text` to be exactly `gold`, in order, naming each difference.
func expectMetrics(_ text: String, _ gold: [Gold], sourceLocation: SourceLocation = #_sourceLocation) {
    let found = Shipped.scan(text).map(Gold.init)
    for (index, pair) in zip(found, gold).enumerated() where pair.0 != pair.1 {
        Issue.record("metric \(index): found \(pair.0), expected \(pair.1)", sourceLocation: sourceLocation)
    }
    if found.count != gold.count {
        Issue.record("found \(found.count) metrics, expected \(gold.count): \(found.map(\.text))", sourceLocation: sourceLocation)
    }
}
