import Foundation
import ReportKit
import ReportStore

/// The dedupe step: exact and text duplicates stop the chain, near duplicates are recorded, copied passages become findings.
///
/// Fingerprints are written when this step runs, but only reports the catalogue records as
/// `processed` are ever matched; a report is never compared with its own fingerprint.
public struct DuplicateDetector: Processor {
    public static let name = "dedupe"
    public static let version = "1.0.0"
    public typealias Configuration = DedupeConfiguration

    let configuration: DedupeConfiguration
    let fingerprinter: Fingerprinter
    let repeatedPassages: RepeatedPassages
    let catalogue: @Sendable () throws -> Catalogue

    /// `catalogue` is called on the first report, so building the step never opens a database.
    public init(configuration: DedupeConfiguration, catalogue: @escaping @Sendable () throws -> Catalogue) {
        self.configuration = configuration
        fingerprinter = Fingerprinter(configuration: configuration)
        repeatedPassages = RepeatedPassages(minimumCharacters: configuration.minSentenceChars)
        self.catalogue = catalogue
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        let store = FingerprintStore(catalogue: try catalogue())
        let text = ScalarText(document.text)
        let fingerprint = fingerprinter.fingerprint(of: document, text: text)

        // Reports run side by side: the lookup and the write take turns in arrival order, so the
        // second of two copies always finds the first.
        if let turn = context.arrival {
            return try await turn.inTurn { try match(&document, fingerprint: fingerprint, text: text, store: store) }
        }
        return try match(&document, fingerprint: fingerprint, text: text, store: store)
    }

    private func match(_ document: inout Document, fingerprint: ReportFingerprint, text: ScalarText,
                       store: FingerprintStore) throws -> Flow {
        let found = try store.lookup(fingerprint, perKey: configuration.candidates * 2, limit: configuration.candidates)
        if let arrival = found.arrival, arrival.status == "processed",
           arrival.file != document.source.name || arrival.received != document.source.received {
            document.duplicate = DuplicateReference(of: document.id, kind: .exact, similarity: 1)
            return .stop
        }
        if let first = found.sameText {
            document.duplicate = DuplicateReference(of: first, kind: .text, similarity: 1)
            return .stop
        }
        document.duplicate = closestNear(fingerprint, among: found.candidates)
        document.findings += repeatedPassages.findings(in: text)
        document.findings += sharedParagraphs(fingerprint, text: text, sources: found.paragraphs, near: document.duplicate?.of)
        try store.save(fingerprint)
        return .proceed
    }

    /// The candidate with the highest exact Jaccard similarity, when it reaches the threshold.
    func closestNear(_ fingerprint: ReportFingerprint, among candidates: [NearCandidate]) -> DuplicateReference? {
        var best: (id: String, similarity: Double)?
        for candidate in candidates {
            let similarity = Fingerprinter.similarity(fingerprint.shingles, candidate.shingles)
            if similarity >= configuration.nearThreshold, similarity > best?.similarity ?? 0 {
                best = (candidate.reportId, similarity)
            }
        }
        return best.map { DuplicateReference(of: $0.id, kind: .near, similarity: ($0.similarity * 1000).rounded() / 1000) }
    }

    /// A `dedupe.shared-paragraph` finding for each paragraph an archived report (other than the near original) also holds.
    func sharedParagraphs(_ fingerprint: ReportFingerprint, text: ScalarText, sources: [Int64: ParagraphSource],
                          near: String?) -> [Finding] {
        guard !sources.isEmpty else { return [] }
        var reported = Set<Int64>()
        return fingerprint.paragraphs.compactMap { paragraph in
            guard let source = sources[paragraph.key], source.reportId != near,
                  reported.insert(paragraph.key).inserted else { return nil }
            let issuer = source.issuer.map { "（\($0)）" } ?? ""
            return Finding(
                rule: "dedupe.shared-paragraph", severity: .info,
                message: "本段与已归档报告《\(source.file)》\(issuer)第\(source.span.start)–\(source.span.end)字的段落相同或几乎相同（\(source.reportId)）",
                span: paragraph.span, excerpt: RepeatedPassages.excerpt(text, paragraph.span))
        }
    }
}
