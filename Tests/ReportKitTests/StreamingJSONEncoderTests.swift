import Foundation
import ReportKit
import ReportKitTesting
import Testing

@Suite struct StreamingJSONEncoderTests {
    /// A document with every kind of value: nested sections, nulls, fractions, escapes, control characters.
    static var richDocument: Document {
        var document = EmbeddedPipeline.document("一、总体情况\n全年举办“法治讲堂”12期，增长15.5%。\n")
        document.meta = Metadata(issuer: "某县\"司法\"局\\办公室", year: 2024, date: nil, title: "标题\t含制表符\u{1}与/斜线")
        let child = Section(level: 2, marker: "(一)", number: 1, title: "学法", span: Span(8, 12))
        document.sections = [Section(level: 1, marker: "一、", number: 1, title: "总体情况", span: Span(0, 30), children: [child])]
        document.metrics = [
            Metric(value: 12, unit: "期", kind: .count, counted: "法治讲堂", span: Span(17, 20), text: "12期"),
            Metric(value: 0.155, unit: "%", kind: .growth, counted: nil, span: Span(23, 28), text: "15.5%"),
        ]
        document.findings = [Finding(rule: "text.doubled", severity: .warning, message: "重复词语\n第二行", span: Span(0, 2), excerpt: "一、")]
        document.duplicate = DuplicateReference(of: "sha256:00", kind: .near, similarity: 0.875)
        document.provenance = [Provenance(processor: "metrics", version: "1.0.0", ms: 0.123456789)]
        document.tags = ["a", "b"]
        return document
    }

    @Test func writesTheSameJSONValueAsFoundationsEncoder() throws {
        let document = Self.richDocument
        let streamed = try JSONSerialization.jsonObject(with: StreamingJSONEncoder().encode(document)) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document)) as? NSDictionary
        #expect(streamed != nil)
        #expect(streamed == foundation)
    }

    @Test func decodesBackToTheSameDocument() throws {
        let document = Self.richDocument
        let decoded = try JSONDecoder().decode(Document.self, from: StreamingJSONEncoder().encode(document))
        #expect(decoded.meta == document.meta)
        #expect(decoded.sections == document.sections)
        #expect(decoded.metrics == document.metrics)
        #expect(decoded.findings == document.findings)
        #expect(decoded.duplicate == document.duplicate)
        #expect(decoded.provenance == document.provenance)
        #expect(decoded.tags == document.tags)
    }

    @Test func emptyContainersAndKeyOrder() throws {
        let text = try #require(String(data: StreamingJSONEncoder().encode(EmbeddedPipeline.document("x")), encoding: .utf8))
        #expect(text.contains("\"sections\" : []"))
        #expect(text.range(of: "\"id\"")!.lowerBound < text.range(of: "\"source\"")!.lowerBound)
        #expect(text.hasSuffix("}\n"))
    }

    /// Every integer width and Float, each taken by its own path, as Foundation writes them.
    struct Numbers: Codable, Equatable {
        var int = Int.min, int64 = Int64.max, int32 = Int32.min, int16 = Int16.max, int8 = Int8.min
        var uint = UInt.max, uint64 = UInt64.max, uint32 = UInt32.max, uint16 = UInt16.max, uint8 = UInt8.max
        var float: Float = 0.1, double = -2.5e-7, optional: Int64? = nil, list: [UInt8] = [0, 255]
    }

    @Test func writesEveryIntegerWidthAndFloatAsFoundationDoes() throws {
        let streamed = try JSONSerialization.jsonObject(with: StreamingJSONEncoder().encode(Numbers())) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Numbers())) as? NSDictionary
        #expect(streamed != nil)
        #expect(streamed == foundation)
        #expect(try JSONDecoder().decode(Numbers.self, from: StreamingJSONEncoder().encode(Numbers())) == Numbers())
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
    }
}
