import Foundation
import MetricsProcessor
import ReportKit
import Testing

@Suite("The tables, the options and the processor")
struct TableTests {
    @Test("the built-in table is config/metrics.toml as shipped")
    func builtInMatchesShippedFile() throws {
        let shipped = try String(contentsOf: Shipped.configFolder.appendingPathComponent("metrics.toml"), encoding: .utf8)
        #expect(shipped == MetricTables.builtInTable + "\n")
    }

    @Test("the shipped table loads through the configuration's relative path")
    func shippedTableLoads() throws {
        var configuration = MetricScanner.Configuration()
        configuration.tables = "metrics.toml"
        let scanner = try MetricScanner(configuration: configuration, environment: Self.environment(in: Shipped.configFolder.path))
        #expect(scanner.scan("召开会议3次。").count == 1)
    }

    @Test("a table named in the options that is missing names the tables key")
    func missingTable() {
        var configuration = MetricScanner.Configuration()
        configuration.tables = "metrics.toml"
        #expect {
            try MetricScanner(configuration: configuration, environment: Self.environment(in: "/nonexistent-reportd"))
        } throws: { error in
            (error as? ConfigurationError)?.key == "tables"
        }
    }

    @Test("with no tables option and no table beside the config, the built-in table is used")
    func builtInFallback() throws {
        let scanner = try MetricScanner(configuration: .init(), environment: Self.environment(in: "/nonexistent-reportd"))
        #expect(scanner.scan("发放资料1.1万余份。").first?.value == 11_000)
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
        let toml = MetricTables.builtInTable.replacingOccurrences(of: replacing, with: with)
        #expect(toml != MetricTables.builtInTable)
        #expect(throws: MetricTableError.self) { try MetricTables(toml: toml) }
    }

    @Test("a reviewer's edit takes effect: a new unit, a new set phrase")
    func editedTable() throws {
        let toml = MetricTables.builtInTable
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
        ProcessorEnvironment(root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-metrics-test")),
                             configDirectory: URL(fileURLWithPath: folder), logger: .init(label: "test"))
    }
}
