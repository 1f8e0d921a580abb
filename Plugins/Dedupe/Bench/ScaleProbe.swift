import DedupeProcessor
import Foundation
import GRDB
import Logging
import ReportKit
import ReportStore

/// Grows a catalogue with synthetic fingerprints and times the dedupe step on real reports at each size.
struct ScaleProbe {
    let catalogue: Catalogue
    let detector: DuplicateDetector
    let url: URL
    private(set) var size = 0

    init(folder: URL, configuration: DedupeConfiguration) throws {
        url = folder.appendingPathComponent("scale-\(UUID().uuidString).sqlite")
        let catalogue = try Catalogue(url: url)
        self.catalogue = catalogue
        detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
    }

    /// Adds synthetic processed reports until the catalogue holds `target`, in SQL, 50,000 reports a transaction.
    ///
    /// Each gets a report row, a fingerprint row with a 64-hash shingle set, `bands` random band keys
    /// and 5 random paragraph keys: the same rows and indexes a real report has, made without text.
    mutating func grow(to target: Int, bands: Int) throws {
        let database = try DatabaseQueue(path: url.path)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -1000000")
        }
        while size < target {
            let upper = min(size + 50_000, target)
            try database.inTransaction { db in
                let first = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(ref), 0) FROM dedupe_report") ?? 0) + 1
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                    INSERT INTO report (id, file, format, encoding, bytes, status, archive, sections, metrics,
                                        errors, warnings, infos, firstSeen, lastSeen)
                    SELECT 'sha256:synthetic-' || i, 'synthetic-' || i || '.txt', 'txt', 'utf-8', 0, 'processed',
                           'archive/' || i, 0, 0, 0, 0, 0, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n
                    """, arguments: [size, upper])
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                    INSERT INTO dedupe_report (reportId, textHash, file, received, shingles)
                    SELECT 'sha256:synthetic-' || i, hex(randomblob(16)), 'synthetic-' || i || '.txt',
                           '2025-01-01T00:00:00Z', randomblob(256) FROM n
                    """, arguments: [size, upper])
                try db.execute(sql: """
                    WITH RECURSIVE b(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM b WHERE j + 1 < ?)
                    INSERT INTO dedupe_band (key, ref)
                    SELECT key, ref FROM (SELECT random() AS key, r.ref AS ref FROM dedupe_report r, b WHERE r.ref >= ?)
                    ORDER BY key
                    """, arguments: [bands, first])
                try db.execute(sql: """
                    WITH RECURSIVE p(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM p WHERE j + 1 < 5)
                    INSERT INTO dedupe_paragraph (key, ref, start, "end")
                    SELECT key, ref, start, start + 80 FROM
                        (SELECT random() AS key, r.ref AS ref, p.j * 100 AS start FROM dedupe_report r, p WHERE r.ref >= ?)
                    ORDER BY key
                    """, arguments: [first])
                return .commit
            }
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            size = upper
        }
    }

    /// Microseconds per report of the dedupe step (median, mean) over `probes`, none of which is recorded.
    func time(_ probes: [LabelledReport], round: Int) async throws -> (median: Double, mean: Double, cpuMean: Double) {
        let context = ProcessingContext(logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let clock = ContinuousClock()
        var costs: [Double] = []
        let cpuStarted = processorSeconds()
        for (index, probe) in probes.enumerated() {
            var document = CorpusRun.document(probe, index: index, salt: "probe\(round)-")
            let started = clock.now
            _ = try await detector.process(&document, context: context)
            costs.append((clock.now - started).seconds * 1e6)
        }
        let cpuMean = (processorSeconds() - cpuStarted) * 1e6 / Double(probes.count)
        costs.sort()
        return (costs[costs.count / 2], costs.reduce(0, +) / Double(costs.count), cpuMean)
    }
}

/// The resident set size of this process, in megabytes.
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * 4096 / 1_048_576
}
