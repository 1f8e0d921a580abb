import Foundation
import MetricsProcessor
import ReportKit
import ReportKitTesting

/// The scanner as reportd ships it: with the tables in config/metrics.toml, and the fixtures beside the plugin.
enum Shipped {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Plugins/Metrics/Fixtures")

    static let tables: MetricTables = {
        do {
            return try MetricTables.load(from: ShippedTables.url("metrics.toml"))
        } catch {
            fatalError("config/metrics.toml does not load: \(error)")
        }
    }()

    static let scanner = MetricScanner(tables: tables)

    static func scan(_ text: String) -> [Metric] { scanner.scan(text) }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }
}
