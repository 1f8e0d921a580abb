import ReportKit

/// Step times as the archive's views print them: two decimals, without a `String(format:)` per step.
public enum Milliseconds {
    /// `value` rounded to hundredths: `0.52`, `12.00`.
    public static func text(_ value: Double) -> String {
        guard value.isFinite, value >= 0, value < 1e12 else { return "\(value)" }
        let hundredths = Int64((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A step's own time, and what it waited for earlier reports when it did: `0.52`, `0.52 (+0.30 waiting)`.
    public static func text(of step: Provenance) -> String {
        guard let waited = step.waitedMs, waited > 0 else { return text(step.ms) }
        return "\(text(step.ms)) (+\(text(waited)) waiting)"
    }
}
