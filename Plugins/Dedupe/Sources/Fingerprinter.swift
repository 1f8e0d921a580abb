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
        fingerprint(of: document, scan: TextScan(text))
    }

    func fingerprint(of document: Document, scan: TextScan) -> ReportFingerprint {
        let hashes = shingler.hashes(of: scan.content)
        let paragraphs = scan.paragraphs.compactMap { passage -> ParagraphKey? in
            passage.length >= minParagraphChars ? ParagraphKey(key: passage.key, span: passage.span) : nil
        }
        let signature = minHasher.signature(of: hashes)
        return ReportFingerprint(
            reportId: document.id, issuer: document.meta.issuer, file: document.source.name, received: document.source.received,
            textHash: scan.textHash, shingles: Shingler.stored(hashes),
            signature: signature, bandKeys: bandKeys.keys(for: signature), paragraphs: paragraphs,
            archive: ArchiveLayout.relativePath(for: document))
    }

    /// Jaccard similarity of two stored shingle sets.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        Shingler.jaccard(a, b)
    }
}
