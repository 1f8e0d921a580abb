import Foundation
import ReportKit
import SectionsProcessor
import Testing

@Suite("The phrase table and the options")
struct PhraseTableTests {
    @Test("the shipped config/sections.toml loads through the configuration's relative path")
    func shippedTableLoads() throws {
        var configuration = SectionSplitter.Configuration()
        configuration.phrases = "sections.toml"
        let splitter = try SectionSplitter(configuration: configuration, environment: Self.environment(in: ShippedSplitter.configFolder.path))
        #expect(splitter.split("三、存在问题").first?.role == "problems")
    }

    @Test("a table named in the options that is missing names the phrases key")
    func missingTable() {
        var configuration = SectionSplitter.Configuration()
        configuration.phrases = "sections.toml"
        #expect {
            try SectionSplitter(configuration: configuration, environment: Self.environment(in: "/nonexistent-reportd"))
        } throws: { error in
            (error as? ConfigurationError)?.key == "phrases"
        }
    }

    @Test("with no phrases option and no table beside the config, the built-in table is used")
    func builtInFallback() throws {
        let splitter = try SectionSplitter(configuration: .init(), environment: Self.environment(in: "/nonexistent-reportd"))
        #expect(splitter.split("一、存在的问题").first?.role == "problems")
    }

    @Test("the built-in table is config/sections.toml as shipped")
    func builtInMatchesShippedFile() throws {
        let shipped = try String(contentsOf: ShippedSplitter.configFolder.appendingPathComponent("sections.toml"), encoding: .utf8)
        #expect(shipped == SectionPhrases.builtInTable + "\n")
    }

    static func environment(in folder: String) -> ProcessorEnvironment {
        ProcessorEnvironment(root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-sections-test")),
                             configDirectory: URL(fileURLWithPath: folder), logger: .init(label: "test"))
    }

    @Test("unknown keys, out-of-range gaps and empty phrases are refused", arguments: [
        "gap = 5\nrole = []",
        "gap = 99",
        "[roles]\nproblems = [\"\"]",
        "[roles]\nproblems = \"存在问题\"",
    ])
    func badTables(toml: String) {
        #expect(throws: PhraseTableError.self) { try SectionPhrases(toml: toml) }
    }

    @Test("a phrase's … spans a short gap within one sentence, X a digit, widths fold")
    func phrasePatterns() {
        let phrases = SectionPhrases(roles: ["problems": ["还存在…问题"], "next-steps": ["20XX年工作计划"]], gap: 4)
        let splitter = SectionSplitter(phrases: phrases)
        #expect(splitter.split("一、还存在一些问题").first?.role == "problems")
        #expect(splitter.split("一、还存在很多很多的问题").first?.role == "other")
        #expect(splitter.split("一、２０２５年工作计划").first?.role == "next-steps")
    }

    @Test("the options check their ranges")
    func optionsValidate() throws {
        var configuration = SectionSplitter.Configuration()
        try configuration.validate()
        configuration.colonTitleLimit = 500
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
