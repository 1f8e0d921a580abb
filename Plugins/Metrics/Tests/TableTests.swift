import Foundation
import MetricsProcessor
import ReportKit
import ReportKitTesting
import Testing

@Suite("The tables, the options and the processor")
struct TableTests {
    static let shippedText: String = {
        do { return try ShippedTables.text("metrics.toml") } catch { fatalError("config/metrics.toml: \(error)") }
    }()

    @Test("with no tables option, metrics.toml is found along the search path and recorded as read")
    func shippedTableFound() throws {
        let environment = Self.environment(in: "/nonexistent-reportd")
        let scanner = try MetricScanner(configuration: .init(), environment: environment)
        #expect(scanner.scan("发放资料1.1万余份。").first?.value == 11_000)
        #expect(environment.tablesRead.all.map(\.file) == [ShippedTables.url("metrics.toml")])
    }

    @Test("a table beside the config comes before the shipped one")
    func besideConfigFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reportd-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.shippedText.replacingOccurrences(of: "\"吨\", \"分\",", with: "\"吨\", \"棵\", \"分\",")
            .write(to: folder.appendingPathComponent("metrics.toml"), atomically: true, encoding: .utf8)
        let scanner = try MetricScanner(configuration: .init(), environment: Self.environment(in: folder.path))
        #expect(scanner.scan("种植树木300棵。").count == 1)
    }

    @Test("a table found nowhere names the tables key, the table and the folders searched")
    func missingTable() {
        var configuration = MetricScanner.Configuration()
        configuration.tables = "metrics-strict.toml"
        #expect {
            try MetricScanner(configuration: configuration, environment: Self.environment(in: "/nonexistent-reportd"))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == "tables" && error.message.contains("metrics-strict.toml")
                && error.message.contains("/nonexistent-reportd") && error.message.contains(ShippedTables.folder.path)
        }
    }

    @Test("an empty tables option is refused")
    func emptyOption() {
        var configuration = MetricScanner.Configuration()
        configuration.tables = ""
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }

    @Test("unknown keys, empty words, forms of unknown units and factors of zero are refused", arguments: [
        ("[units]", "[units]\nweight = [\"斤\"]"),
        ("\"余\" = true", "\"\" = true"),
        ("\"人(次)\" = \"人次\"", "\"人(次)\" = \"人头\""),
        ("\"元\" = 1.0", "\"元\" = 0.0"),
    ])
    func badTables(replacing: String, with: String) throws {
        let toml = Self.shippedText.replacingOccurrences(of: replacing, with: with)
        #expect(toml != Self.shippedText)
        #expect(throws: MetricTableError.self) { try MetricTables(toml: toml) }
    }

    @Test("a reviewer's edit takes effect: a new unit, a new set phrase")
    func editedTable() throws {
        let toml = Self.shippedText
            .replacingOccurrences(of: "\"吨\", \"分\",", with: "\"吨\", \"棵\", \"分\",")
            .replacingOccurrences(of: "\"三重一大\",", with: "\"三大行动\", \"三重一大\",")
        let scanner = MetricScanner(tables: try MetricTables(toml: toml))
        #expect(Shipped.scan("种植树木300棵。").isEmpty)
        #expect(scanner.scan("种植树木300棵。").first?.counted == "种植树木")
        #expect(Shipped.scan("推进三大行动。").isEmpty)
        #expect(scanner.scan("推进三大行动3次。").map(\.text) == ["3次"])
    }

    @Test("the processor puts each metric under its section path")
    func sectionPaths() async throws {
        let text = "一、主要工作\n(一)学法\n全年学法12次。\n二、存在的问题\n仅有1名法制人员。"
        let scalars = ScalarText(text)
        func at(_ marker: String) -> Int { scalars.scalars.count - (text.components(separatedBy: marker).last!.unicodeScalars.count + marker.unicodeScalars.count) }
        let end = scalars.count
        var document = Document(id: "sha256:0", source: Source(name: "t.txt", bytes: 0, format: "txt", encoding: "utf-8", received: ""),
                                text: text, original: Data())
        document.sections = [
            Section(level: 1, marker: "一、", number: 1, title: "主要工作", span: Span(0, at("二、")), children: [
                Section(level: 2, marker: "(一)", number: 1, title: "学法", span: Span(at("(一)"), at("二、"))),
            ]),
            Section(level: 1, marker: "二、", number: 2, title: "存在的问题", span: Span(at("二、"), end)),
        ]
        let flow = try await Shipped.scanner.process(&document, context: ProcessingContext(logger: .init(label: "test")))
        #expect(flow == .proceed)
        #expect(document.metrics.map(\.section) == [["主要工作", "学法"], ["存在的问题"]])
    }

    static func environment(in folder: String) -> ProcessorEnvironment {
        let configDirectory = URL(fileURLWithPath: folder)
        return ProcessorEnvironment(root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-metrics-test")), configDirectory: configDirectory,
                                    tableSearchPath: ShippedTables.searchPath(configDirectory: configDirectory), logger: .init(label: "test"))
    }
}
