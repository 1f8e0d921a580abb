import Foundation
import Logging
import ReportKit

/// Feeds a document through processors in the test's own task and hands the result back,
/// with no inbox, spool or daemon: the processors' counterpart of swift-nio's `EmbeddedChannel`.
public struct EmbeddedPipeline {
    public let pipeline: Pipeline
    public let logger: Logger

    public init(_ processors: [any Processor], logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.pipeline = Pipeline(processors.map { Pipeline.Stage(name: type(of: $0).name, processor: $0) })
        self.logger = logger
    }

    /// Runs `text` as a report named `name` through the processors.
    public func feed(_ text: String, name: String = "report.txt") async -> PipelineResult {
        await pipeline.run(Self.document(text, name: name), logger: logger)
    }

    /// Runs `document` through the processors.
    public func feed(_ document: Document) async -> PipelineResult {
        await pipeline.run(document, logger: logger)
    }

    /// A document as the intake would make it from UTF-8 `text`, with a stand-in id.
    public static func document(_ text: String, name: String = "report.txt") -> Document {
        let data = Data(text.utf8)
        var hasher = Hasher()
        hasher.combine(text)
        let id = "sha256:test-" + String(UInt(bitPattern: hasher.finalize()), radix: 16)
        return Document(
            id: id,
            source: Source(name: name, bytes: data.count, format: "txt", encoding: "utf-8",
                           received: "2026-01-01T00:00:00Z"),
            text: text, original: data)
    }
}
