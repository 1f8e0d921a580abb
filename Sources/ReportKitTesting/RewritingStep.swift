import ReportKit

/// A step that replaces the text and metadata, as an exec step may, so that what a later step began
/// on the document as intake read it no longer applies.
public struct RewritingStep: Processor {
    public static let name = "rewriting"
    let text: String?
    let meta: Metadata?

    /// Replaces the text with `text` and the metadata with `meta`, each when given.
    public init(text: String? = nil, meta: Metadata? = nil) {
        self.text = text
        self.meta = meta
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        if let text { document.text = text }
        if let meta { document.meta = meta }
        return .proceed
    }
}
