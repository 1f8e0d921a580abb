import DedupeProcessor
import Foundation
import Logging
import ReportKit
import ReportStore

/// A catalogue in a fresh temporary folder and the dedupe step over it, recording outcomes as the report flow does.
struct DeskFixture {
    let catalogue: Catalogue
    let detector: DuplicateDetector
    let pipeline: Pipeline

    let url: URL
    let configuration: DedupeConfiguration

    init(configuration: DedupeConfiguration = DedupeConfiguration(), stagingFlushThreshold: Int = 256) throws {
        try self.init(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("dedupe-\(UUID().uuidString)/state/catalogue.sqlite"),
                      configuration: configuration, stagingFlushThreshold: stagingFlushThreshold)
    }

    /// The same catalogue file opened afresh, as a restarted daemon does: nothing staged.
    init(reopening other: DeskFixture) throws {
        try self.init(url: other.url, configuration: other.configuration, stagingFlushThreshold: 256)
    }

    private init(url: URL, configuration: DedupeConfiguration, stagingFlushThreshold: Int) throws {
        self.url = url
        self.configuration = configuration
        let catalogue = try Catalogue(url: url, stagingFlushThreshold: stagingFlushThreshold)
        self.catalogue = catalogue
        detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
        pipeline = Pipeline([Pipeline.Stage(name: "dedupe", processor: detector)])
    }

    var store: FingerprintStore { FingerprintStore(catalogue: catalogue) }

    static func document(_ text: String, id: String, name: String = "report.txt",
                         received: String = "2026-03-01T08:00:00Z", issuer: String? = nil) -> Document {
        var document = Document(
            id: id, source: Source(name: name, bytes: text.utf8.count, format: "txt", encoding: "utf-8", received: received),
            text: text, original: Data(text.utf8))
        document.meta.issuer = issuer
        return document
    }

    /// Runs `document` through dedupe and, unless `recorded` is false (a crash before the outcome), records its outcome.
    @discardableResult
    func file(_ document: Document, recorded: Bool = true, failed: Bool = false) async throws -> PipelineResult {
        let result = await pipeline.run(document, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        if recorded {
            var status = result.outcome.status
            var duplicateOf: String?
            if case .duplicate(let of) = result.outcome { duplicateOf = of }
            if failed { status = "failed" }
            let receipt = Receipt(status: status, file: document.source.name, id: document.id,
                                  archive: status == "processed" ? "archive/x/\(document.digest)" : nil,
                                  document: result.document, duplicateOf: duplicateOf,
                                  reason: failed ? "a later step failed" : nil, at: Date())
            try catalogue.record(receipt: receipt, document: failed ? nil : result.document)
        }
        return result
    }
}
