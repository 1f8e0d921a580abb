import Foundation
import ReportKit
import ReportKitTesting
import Testing

@Suite struct DocumentTests {
    @Test func encodesEveryContractFieldWithExplicitNulls() throws {
        var document = EmbeddedPipeline.document("一、总体情况\n正文")
        document.sections = [Section(level: 1, marker: "一、", number: 1, title: "总体情况", span: Span(0, 9))]
        let json = try #require(JSONSerialization.jsonObject(with: document.jsonData()) as? [String: Any])
        #expect(Set(json.keys) == ["id", "source", "meta", "sections", "metrics", "findings", "duplicate", "provenance", "tags"])
        #expect(json["duplicate"] is NSNull)
        let meta = try #require(json["meta"] as? [String: Any])
        #expect(Set(meta.keys) == ["issuer", "year", "date", "title"])
        #expect(meta["issuer"] is NSNull)
        let section = try #require((json["sections"] as? [[String: Any]])?.first)
        #expect(section["span"] as? [Int] == [0, 9])
        #expect(json["text"] == nil)
    }

    @Test func roundTripsThroughJSON() throws {
        var document = EmbeddedPipeline.document("共举办培训12期")
        document.metrics = [Metric(value: 12, unit: "期", kind: .count, counted: "培训", span: Span(5, 8), text: "12期")]
        document.findings = [Finding(rule: "text.doubled", severity: .warning, message: "重复词语", span: Span(0, 2), excerpt: "共举")]
        document.provenance = [Provenance(processor: "metrics", version: "1.0.0", ms: 0.5)]
        let decoded = try JSONDecoder().decode(Document.self, from: document.jsonData())
        #expect(decoded.metrics == document.metrics)
        #expect(decoded.findings == document.findings)
        #expect(decoded.provenance == document.provenance)
    }

    @Test func scalarTextSlicesBySpansInUnicodeScalars() {
        let text = ScalarText("一、总体情况（一）")
        #expect(text.count == 9)
        #expect(text[Span(2, 6)] == "总体情况")
    }

    @Test func scalarTextDecodesEveryUTF8LengthAsTheScalarViewDoes() {
        // One, two, three and four bytes a scalar, a combining mark, CRLF, a string made from a slice.
        let samples = ["", "a", "é", "法治", "𠀀𝟘😀", "e\u{301}\r\n", "第１２条 𪚥 ok\u{2029}", String("前缀一、总体".dropFirst(2))]
        for sample in samples {
            #expect(ScalarText(sample).scalars == Array(sample.unicodeScalars), "\(sample.debugDescription)")
        }
    }

    @Test func scalarTextEncodesEveryUTF8LengthBackAsTheStandardLibraryDoes() {
        let samples = ["", "a", "é", "法治", "𠀀𝟘😀", "e\u{301}\r\n", "第１２条 𪚥 ok\u{2029}", "一二三四五", "一二三四五六"]
        for sample in samples {
            let scalars = ScalarText(sample).scalars
            #expect(ScalarText.string(of: scalars[...]) == sample, "\(sample.debugDescription)")
            #expect(ScalarText.string(of: scalars[...]).utf8.elementsEqual(sample.utf8))
        }
        let text = ScalarText("第一行\n第二行\n")
        #expect(ScalarText.string(of: text.scalars[...], newlinesAsSpaces: true) == "第一行 第二行 ")
        #expect(text[Span(2, 5)] == "行\n第")
        #expect(text[Span(5, 99)] == "二行\n")
    }

    @Test func sectionPathFollowsTheTreeDownwards() {
        let child = Section(level: 2, marker: "(一)", number: 1, title: "学法", span: Span(10, 20))
        let top = Section(level: 1, marker: "一、", number: 1, title: "主要举措", span: Span(0, 30), children: [child])
        #expect([top].path(containing: Span(12, 14)) == ["主要举措", "学法"])
        #expect([top].path(containing: Span(25, 26)) == ["主要举措"])
        #expect([top].path(containing: Span(40, 41)) == [])
    }

    @Test func archiveComponentsCannotEscapeTheirFolder() {
        #expect(ArchiveLayout.component(nil) == "unknown")
        #expect(ArchiveLayout.component("../etc") == "_._etc")
        #expect(ArchiveLayout.component("a/b") == "a_b")
        #expect(ArchiveLayout.component("某县科学技术局") == "某县科学技术局")
    }
}
