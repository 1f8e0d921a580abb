import Foundation
import ReportKit
import SectionsProcessor
import Testing

@Suite("The phrase table and the options")
struct PhraseTableTests {
    @Test("the shipped config/sections.toml loads through the configuration's relative path")
    func shippedTableLoads() throws {
        let environment = ProcessorEnvironment(
            root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-sections-test")),
            configDirectory: ShippedSplitter.configFolder,
            logger: .init(label: "test"))
        let splitter = try SectionSplitter(configuration: .init(), environment: environment)
        #expect(splitter.split("三、存在问题").first?.role == "problems")
    }

    @Test("a missing table names the phrases key")
    func missingTable() {
        let environment = ProcessorEnvironment(
            root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-sections-test")),
            configDirectory: URL(fileURLWithPath: "/nonexistent-reportd"),
            logger: .init(label: "test"))
        #expect {
            try SectionSplitter(configuration: .init(), environment: environment)
        } throws: { error in
            (error as? ConfigurationError)?.key == "phrases"
        }
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
