import Foundation
import ReportKit
import ReportKitTesting
import SectionsProcessor
import Testing

@Suite("The phrase table and the options")
struct PhraseTableTests {
    @Test("with no phrases option, sections.toml is found along the search path and recorded as read")
    func shippedTableFound() throws {
        let environment = Self.environment(in: "/nonexistent-reportd")
        let splitter = try SectionSplitter(configuration: .init(), environment: environment)
        #expect(splitter.split("三、存在问题").first?.role == "problems")
        #expect(environment.tablesRead.all.map(\.file) == [ShippedTables.url("sections.toml")])
    }

    @Test("an absolute phrases option is read as it is")
    func absolutePath() throws {
        var configuration = SectionSplitter.Configuration()
        configuration.phrases = ShippedTables.url("sections.toml").path
        let splitter = try SectionSplitter(configuration: configuration, environment: Self.environment(in: "/nonexistent-reportd"))
        #expect(splitter.split("一、存在的问题").first?.role == "problems")
    }

    @Test("a table found nowhere names the phrases key, the table and the folders searched")
    func missingTable() {
        var configuration = SectionSplitter.Configuration()
        configuration.phrases = "phrases-strict.toml"
        #expect {
            try SectionSplitter(configuration: configuration, environment: Self.environment(in: "/nonexistent-reportd"))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == "phrases" && error.message.contains("phrases-strict.toml") && error.message.contains("/nonexistent-reportd")
        }
    }

    static func environment(in folder: String) -> ProcessorEnvironment {
        let configDirectory = URL(fileURLWithPath: folder)
        return ProcessorEnvironment(root: DataRoot(URL(fileURLWithPath: "/tmp/reportd-sections-test")), configDirectory: configDirectory,
                                    tableSearchPath: ShippedTables.searchPath(configDirectory: configDirectory), logger: .init(label: "test"))
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
