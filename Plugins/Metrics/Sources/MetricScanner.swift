import Foundation
import ReportKit

/// Finds every quantitative claim of a report (counts, money, shares, growth, ratios) and adds it to `document.metrics`.
public struct MetricScanner: Processor {
    public static let name = "metrics"
    public static let version = "1.0.0"

    /// Options of the metrics step, from `[processors.metrics]`.
    public struct Configuration: ProcessorConfiguration {
        /// The tables read when `tables` is not given.
        public static let defaultTables = "metrics.toml"

        /// The tables (units, qualifiers, cues, set phrases): an absolute path, or a name looked up along
        /// the table search path (the config file's folder first). When nil: metrics.toml.
        public var tables: String?
        /// One metric per rate when a 均达 covers several (参与率和合格率均达100%).
        public var splitSharedRates = true

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tables = try container.decodeIfPresent(String.self, forKey: .tables)
            splitSharedRates = try container.decodeIfPresent(Bool.self, forKey: .splitSharedRates) ?? splitSharedRates
        }

        public func validate() throws {
            guard tables?.isEmpty != true else { throw ConfigurationError(key: "tables", "expected a file name") }
        }

        enum CodingKeys: String, CodingKey {
            case tables
            case splitSharedRates = "split_shared_rates"
        }
    }

    let tables: MetricTables
    let configuration: Configuration

    public init(tables: MetricTables, configuration: Configuration = Configuration()) {
        self.tables = tables
        self.configuration = configuration
    }

    /// Builds the scanner with the tables the configuration names, found along the table search path.
    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        let url = try environment.table(configuration.tables ?? Configuration.defaultTables, key: "tables")
        do {
            tables = try MetricTables.load(from: url)
        } catch let error as MetricTableError {
            throw ConfigurationError(key: "tables", error.message)
        }
        self.configuration = configuration
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        var metrics = await context.headStart?.computed([Metric].self, for: document) ?? scan(document.text)
        for index in metrics.indices {
            metrics[index].section = document.sections.path(containing: metrics[index].span)
        }
        document.metrics = metrics
        return .proceed
    }

    /// The scan needs only the text (section paths are added in `process`): it runs beside the steps before.
    public func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        .computing(document) { scan($0.text) }
    }

    /// Every metric of `text` in order, without section paths.
    public func scan(_ text: String) -> [Metric] {
        scan(ScalarText(text).scalars)
    }

    /// Every metric of a text given as its scalars, without section paths.
    public func scan(_ scalars: [Unicode.Scalar]) -> [Metric] {
        MetricScan(text: scalars, tables: tables, splitSharedRates: configuration.splitSharedRates).run()
    }
}
