/// Which near candidates are worth reading: those whose MinHash signatures agree enough with the report's.
///
/// A candidate comes from the band lookup only because at least one band of `rowsPerBand` values
/// matched, so those values agree by selection, not by similarity. The agreement leaves one such
/// band out: a report of the genre that shares one band by chance then scores its similarity
/// rather than about `rowsPerBand / signature length` above it.
public struct CandidateScreen: Sendable, Equatable {
    /// Candidates agreeing on less than this are dropped before their shingle sets are read.
    public var minimumAgreement: Double
    /// Values per LSH band; 0 when candidates are not selected by bands.
    public var rowsPerBand: Int

    public init(minimumAgreement: Double, rowsPerBand: Int) {
        self.minimumAgreement = minimumAgreement
        self.rowsPerBand = rowsPerBand
    }

    /// Every candidate is read.
    public static let none = CandidateScreen(minimumAgreement: 0, rowsPerBand: 0)

    /// The share of signature positions where `a` and `b` agree, beyond one band's worth when a
    /// band selected the candidate; 1 when either signature is unknown (written before signatures were kept).
    public func agreement(_ a: [UInt32], _ b: [UInt32], selectedByBand: Bool = true) -> Double {
        guard !a.isEmpty, a.count == b.count else { return 1 }
        var same = 0
        for index in a.indices where a[index] == b[index] { same += 1 }
        let selected = selectedByBand ? min(rowsPerBand, same, a.count - 1) : 0
        return Double(same - selected) / Double(a.count - selected)
    }
}
