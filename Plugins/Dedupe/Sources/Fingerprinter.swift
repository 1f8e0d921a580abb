import ReportKit
import ReportStore

/// Computes a report's fingerprint: text hash, shingle set, MinHash band keys and paragraph keys.
public struct Fingerprinter: Sendable {
    let shingler: Shingler
    let minHasher: MinHasher
    let bandKeys: BandKeys
    let minParagraphChars: Int

    public init(configuration: DedupeConfiguration) {
        shingler = Shingler(size: configuration.shingleSize)
        minHasher = MinHasher(permutations: configuration.permutations)
        bandKeys = BandKeys(bands: configuration.bands, rows: configuration.rows, shingleSize: configuration.shingleSize)
        minParagraphChars = configuration.minParagraphChars
    }

    public func fingerprint(of document: Document, text: ScalarText) -> ReportFingerprint {
        let hashes = shingler.hashes(of: ScalarFolding.content.fold(text.scalars))
        let paragraphs = PassageSplitter.paragraphs(of: text).compactMap { span -> ParagraphKey? in
            let passage = PassageKey(text, span: span)
            return passage.length >= minParagraphChars ? ParagraphKey(key: passage.key, span: span) : nil
        }
        return ReportFingerprint(
            reportId: document.id, file: document.source.name, received: document.source.received,
            textHash: NormalisedTextHash.of(document.text), shingles: Shingler.stored(hashes),
            bandKeys: bandKeys.keys(for: minHasher.signature(of: hashes)), paragraphs: paragraphs)
    }

    /// Jaccard similarity of two stored shingle sets.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        Shingler.jaccard(a, b)
    }
}
