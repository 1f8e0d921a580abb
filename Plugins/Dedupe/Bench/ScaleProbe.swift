import CHeap
import DedupeProcessor
import Foundation
import GRDB
import GRDBSQLite
import Logging
import ReportKit
import ReportStore

/// Grows a catalogue with synthetic fingerprints and times the dedupe step on real reports at each size.
struct ScaleProbe {
    let catalogue: Catalogue
    let detector: DuplicateDetector
    let url: URL
    /// A connection of its own that commits between reports when the probe asks, as the daemon's group commit does.
    let committer: DatabaseQueue
    private(set) var size = 0

    /// `pageCacheBytes` is each catalogue connection's page cache, as `Catalogue.init` takes it.
    init(folder: URL, configuration: DedupeConfiguration, pageCacheBytes: Int) throws {
        url = folder.appendingPathComponent("scale-\(UUID().uuidString).sqlite")
        let catalogue = try Catalogue(url: url, pageCacheBytes: pageCacheBytes)
        self.catalogue = catalogue
        detector = DuplicateDetector(configuration: configuration, catalogue: { catalogue })
        committer = try DatabaseQueue(path: url.path)
        try committer.write { try $0.execute(sql: "CREATE TABLE bench_commit (at INTEGER)") }
    }

    /// Adds synthetic processed reports until the catalogue holds `target`, in SQL, 50,000 reports a transaction.
    ///
    /// Each gets a report row, a fingerprint row with a random 128-value signature and a 64-hash shingle set, `bands` random band keys
    /// and 5 random paragraph keys: the same rows and indexes a real report has, made without text.
    /// The bulk loader's connection and its 200 MB page cache are gone when this returns, and the heap is
    /// trimmed, so that what the process holds afterwards is the dedupe step's, not the loader's.
    mutating func grow(to target: Int, bands: Int) throws {
        defer { releaseFreedHeap() }
        let database = try DatabaseQueue(path: url.path)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -200000")
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
                    INSERT INTO dedupe_report (reportId, textHash, file, received, signature)
                    SELECT 'sha256:synthetic-' || i, hex(randomblob(16)), 'synthetic-' || i || '.txt',
                           '2025-01-01T00:00:00Z', randomblob(512) FROM n
                    """, arguments: [size, upper])
                try db.execute(sql: """
                    INSERT INTO dedupe_shingles (ref, shingles) SELECT ref, randomblob(256) FROM dedupe_report WHERE ref >= ?
                    """, arguments: [first])
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
                // Keys put in the key tables are a merge: readers rebuild what they hold for a generation.
                try db.execute(sql: "UPDATE dedupe_merge SET generation = generation + 1 WHERE id = 1")
                return .commit
            }
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            size = upper
        }
    }

    /// Microseconds per report over `probes`, none of which is recorded: the whole dedupe step (wall median,
    /// wall mean, CPU mean), and the catalogue lookup alone (wall median, CPU mean). With `committing`,
    /// another connection commits a one-row write before each report, untimed: in the daemon every group
    /// commit is such a write, and SQLite then empties the readers' page caches, so a lookup starts cold.
    func time(_ probes: [LabelledReport], round: Int, configuration: DedupeConfiguration,
              committing: Bool = false) async throws -> ProbeCost {
        let context = ProcessingContext(logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let clock = ContinuousClock()
        let store = FingerprintStore(catalogue: catalogue)
        let fingerprinter = Fingerprinter(configuration: configuration)
        var steps: [Double] = [], lookups: [Double] = []
        var stepCPU = 0.0, lookupCPU = 0.0
        for (index, probe) in probes.enumerated() {
            if committing {
                try await committer.write { try $0.execute(sql: "INSERT INTO bench_commit VALUES (?)", arguments: [index]) }
            }
            var document = CorpusRun.document(probe, index: index, salt: "probe\(round)-")
            let fingerprint = fingerprinter.fingerprint(of: document, text: ScalarText(document.text))
            var started = clock.now
            var cpuStarted = processorSeconds()
            _ = try store.lookup(fingerprint, perKey: configuration.candidates * 2, limit: configuration.candidates,
                                 screen: configuration.candidateScreen)
            lookupCPU += processorSeconds() - cpuStarted
            lookups.append((clock.now - started).seconds * 1e6)
            started = clock.now
            cpuStarted = processorSeconds()
            _ = try await detector.process(&document, context: context)
            stepCPU += processorSeconds() - cpuStarted
            steps.append((clock.now - started).seconds * 1e6)
        }
        // Probes are never recorded: let their staging go, so the next size starts with none.
        catalogue.stagedFingerprints.discardAll()
        steps.sort()
        lookups.sort()
        let count = Double(probes.count)
        return ProbeCost(stepMedian: steps[steps.count / 2], stepMean: steps.reduce(0, +) / count, stepCPU: stepCPU * 1e6 / count,
                         lookupMedian: lookups[lookups.count / 2], lookupCPU: lookupCPU * 1e6 / count)
    }
}

/// Microseconds per report at one catalogue size.
struct ProbeCost {
    var stepMedian: Double
    var stepMean: Double
    var stepCPU: Double
    var lookupMedian: Double
    var lookupCPU: Double
}

/// What SQLite has allocated in this process (page caches, statements, schemas), in megabytes.
func sqliteHeapMegabytes() -> Double {
    Double(sqlite3_memory_used()) / 1_048_576
}

/// The peak of `sqliteHeapMegabytes()` since the last reset; `resetting` starts a new peak at the current use.
func sqlitePeakHeapMegabytes(resetting: Bool = false) -> Double {
    Double(sqlite3_memory_highwater(resetting ? 1 : 0)) / 1_048_576
}

/// The resident set size of this process, in megabytes.
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * 4096 / 1_048_576
}

/// Hands the heap's freed pages back to the kernel (glibc keeps them otherwise, and they would count in the RSS printed).
func releaseFreedHeap() {
    _ = reportd_trim_heap()
}
