import Foundation
import ReportKit
import ReportStore

/// The dedupe step: exact and text duplicates stop the chain, near duplicates are recorded, copied passages become findings.
///
/// A report that goes on is staged in the catalogue's `StagedFingerprints` in the same turn as its
/// lookup, so it is matched by every later report at once; the catalogue writes it in batches, and
/// with its outcome. Only reports recorded `processed`, or staged and still in the chain, are ever
/// matched; a report is never compared with its own fingerprint, nor called a duplicate of itself.
public struct DuplicateDetector: Processor {
    public static let name = "dedupe"
    public static let version = "1.1.0"
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
        let scan = TextScan(text)
        let fingerprint = fingerprinter.fingerprint(of: document, scan: scan)

        // Reports run side by side: the lookup and the stage take turns in arrival order, so the
        // second of two copies always finds the first and is the one called a duplicate.
        let source = document.source
        let (verdict, found) = if let turn = context.arrival {
            try await turn.inTurn { try match(source, fingerprint: fingerprint, store: store) }
        } else {
            try match(source, fingerprint: fingerprint, store: store)
        }
        document.duplicate = verdict
        if let verdict, verdict.kind != .near { return .stop }
        document.findings += repeatedPassages.findings(in: text, sentences: scan.sentences)
        document.findings += sharedParagraphs(fingerprint, text: text, sources: found.paragraphs, near: verdict?.of)
        return .proceed
    }

    /// Looks the fingerprint up and stages it unless it is an exact or text duplicate.
    private func match(_ source: Source, fingerprint: ReportFingerprint,
                       store: FingerprintStore) throws -> (DuplicateReference?, FingerprintLookup) {
        var verdict: DuplicateReference?
        let found = try store.lookupAndStage(fingerprint, perKey: configuration.candidates * 2, limit: configuration.candidates,
                                             screen: configuration.candidateScreen) {
            verdict = duplicate(of: source, among: $0, fingerprint: fingerprint)
            return verdict == nil || verdict?.kind == .near
        }
        return (verdict, found)
    }

    /// What this report repeats: the same bytes brought by another arrival, the same text, or the closest near one.
    func duplicate(of source: Source, among found: FingerprintLookup, fingerprint: ReportFingerprint) -> DuplicateReference? {
        // The same id is this very report: a duplicate only when another arrival brought it, and
        // then named by that arrival, never by the id. The same arrival again is a crash re-run.
        if let arrival = found.arrival, arrival.isMatchable,
           arrival.file != source.name || arrival.received != source.received {
            return DuplicateReference(of: nil, kind: .exact, similarity: 1, original: arrival.earlier)
        }
        if let first = found.sameText {
            return DuplicateReference(of: first.reportId, kind: .text, similarity: 1, original: first.arrival)
        }
        return closestNear(fingerprint, among: found.candidates)
    }

    /// The candidate with the highest exact Jaccard similarity, when it reaches the threshold.
    func closestNear(_ fingerprint: ReportFingerprint, among candidates: [NearCandidate]) -> DuplicateReference? {
        var best: (candidate: NearCandidate, similarity: Double)?
        for candidate in candidates where candidate.reportId != fingerprint.reportId {
            let similarity = Fingerprinter.similarity(fingerprint.shingles, candidate.shingles)
            if similarity >= configuration.nearThreshold, similarity > best?.similarity ?? 0 {
                best = (candidate, similarity)
            }
        }
        return best.map {
            DuplicateReference(of: $0.candidate.reportId, kind: .near, similarity: ($0.similarity * 1000).rounded() / 1000,
                               original: $0.candidate.arrival)
        }
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
