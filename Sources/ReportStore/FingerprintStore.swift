import Foundation
import GRDB
import ReportKit

/// What dedupe keeps of one report: its normalised-text hash, shingle set, LSH band keys and paragraph keys.
public struct ReportFingerprint: Sendable, Equatable {
    public var reportId: String
    /// The arrival that wrote it: the file name and the time the file was claimed.
    public var file: String
    public var received: String
    public var textHash: String
    /// Hashes of the character shingles, sorted and unique.
    public var shingles: [UInt32]
    public var bandKeys: [Int64]
    public var paragraphs: [ParagraphKey]

    public init(reportId: String, file: String, received: String, textHash: String,
                shingles: [UInt32], bandKeys: [Int64], paragraphs: [ParagraphKey]) {
        self.reportId = reportId
        self.file = file
        self.received = received
        self.textHash = textHash
        self.shingles = shingles
        self.bandKeys = bandKeys
        self.paragraphs = paragraphs
    }
}

/// The hash of one normalised paragraph and where the paragraph sits in its report.
public struct ParagraphKey: Sendable, Equatable {
    public var key: Int64
    public var span: Span

    public init(key: Int64, span: Span) {
        self.key = key
        self.span = span
    }
}

/// The arrival recorded with a report's fingerprint, and the status the catalogue gives that report.
public struct FingerprintArrival: Sendable, Equatable {
    public var file: String
    public var received: String
    /// nil while the report's outcome is not recorded yet (or was a failure).
    public var status: String?
}

/// An archived report whose band keys collide with the one being checked.
public struct NearCandidate: Sendable, Equatable {
    public var reportId: String
    public var shingles: [UInt32]
    /// How many of the bands matched.
    public var bandHits: Int
}

/// Where an archived report holds a paragraph with a given key.
public struct ParagraphSource: Sendable, Equatable {
    public var reportId: String
    public var file: String
    public var issuer: String?
    public var span: Span
}

/// What the catalogue holds that matches one fingerprint.
public struct FingerprintLookup: Sendable {
    /// The arrival that fingerprinted this very report before, if one did.
    public var arrival: FingerprintArrival?
    /// The first processed report with the same normalised text.
    public var sameText: String?
    public var candidates: [NearCandidate]
    /// Paragraph key → where a processed report holds it.
    public var paragraphs: [Int64: ParagraphSource]
}

/// The dedupe tables of the catalogue: every lookup is an index seek, every write an idempotent upsert.
///
/// Only reports whose catalogue status is `processed` are ever matched: a report whose chain
/// failed, or that was itself a duplicate, leaves fingerprints nobody is compared with.
public struct FingerprintStore: Sendable {
    private let pool: DatabasePool

    public init(catalogue: Catalogue) {
        pool = catalogue.pool
    }

    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: dedupe fingerprints") { db in
            try db.create(table: "dedupe_report") { table in
                table.autoIncrementedPrimaryKey("ref")
                table.column("reportId", .text).notNull().unique()
                table.column("textHash", .text).notNull()
                table.column("file", .text).notNull()
                table.column("received", .text).notNull()
                table.column("shingles", .blob).notNull()
            }
            try db.create(index: "dedupe_report_on_textHash", on: "dedupe_report", columns: ["textHash", "ref"])
            try db.create(table: "dedupe_band", options: .withoutRowID) { table in
                table.column("key", .integer).notNull()
                table.column("ref", .integer).notNull()
                table.primaryKey(["key", "ref"])
            }
            try db.create(index: "dedupe_band_on_ref", on: "dedupe_band", columns: ["ref"])
            try db.create(table: "dedupe_paragraph", options: .withoutRowID) { table in
                table.column("key", .integer).notNull()
                table.column("ref", .integer).notNull()
                table.column("start", .integer).notNull()
                table.column("end", .integer).notNull()
                table.primaryKey(["key", "ref", "start"])
            }
            try db.create(index: "dedupe_paragraph_on_ref", on: "dedupe_paragraph", columns: ["ref"])
        }
    }

    /// The arrival that fingerprinted report `id`, or nil when it was never fingerprinted.
    public func arrival(of id: String) throws -> FingerprintArrival? {
        try pool.read { db in try Self.arrival(of: id, in: db) }
    }

    static func arrival(of id: String, in db: Database) throws -> FingerprintArrival? {
        do {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT r.file, r.received, c.status FROM dedupe_report r LEFT JOIN report c ON c.id = r.reportId
                WHERE r.reportId = ?
                """), arguments: [id])
            return row.map { FingerprintArrival(file: $0["file"], received: $0["received"], status: $0["status"]) }
        }
    }

    /// The first processed report other than `id` whose normalised text hashes to `textHash`.
    public func firstProcessed(textHash: String, excluding id: String) throws -> String? {
        try pool.read { db in try Self.firstProcessed(textHash: textHash, excluding: id, in: db) }
    }

    static func firstProcessed(textHash: String, excluding id: String, in db: Database) throws -> String? {
        do {
            return try String.fetchOne(db.cachedStatement(sql: """
                SELECT r.reportId FROM dedupe_report r JOIN report c ON c.id = r.reportId
                WHERE r.textHash = ? AND r.reportId != ? AND c.status = 'processed'
                ORDER BY r.ref LIMIT 1
                """), arguments: [textHash, id])
        }
    }

    /// Processed reports other than `id` sharing at least one band key, most band hits first.
    ///
    /// Each key contributes at most `perKey` of its latest reports, and at most `limit` candidates
    /// come back, so a band key shared by thousands of reports costs no more than a rare one.
    public func nearCandidates(bandKeys: [Int64], excluding id: String, perKey: Int, limit: Int) throws -> [NearCandidate] {
        try pool.read { db in try Self.nearCandidates(bandKeys: bandKeys, excluding: id, perKey: perKey, limit: limit, in: db) }
    }

    static func nearCandidates(bandKeys: [Int64], excluding id: String, perKey: Int, limit: Int,
                               in db: Database) throws -> [NearCandidate] {
        do {
            let lists = try Optional<String>.fetchAll(db.cachedStatement(sql: """
                SELECT (SELECT group_concat(ref) FROM
                          (SELECT ref FROM dedupe_band WHERE key = k.value ORDER BY ref DESC LIMIT ?))
                FROM json_each(?) k
                """), arguments: [perKey, Self.json(bandKeys)])
            var hits: [Int64: Int] = [:]
            for case let list? in lists {
                for ref in list.split(separator: ",") {
                    if let ref = Int64(ref) { hits[ref, default: 0] += 1 }
                }
            }
            guard !hits.isEmpty else { return [] }
            let ranked = hits.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(limit)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.ref, r.reportId, r.shingles FROM json_each(?) k
                JOIN dedupe_report r ON r.ref = k.value
                JOIN report c ON c.id = r.reportId AND c.status = 'processed'
                WHERE r.reportId != ?
                """), arguments: [Self.json(ranked.map(\.key)), id])
            return rows.map { row in
                let ref: Int64 = row["ref"]
                return NearCandidate(reportId: row["reportId"], shingles: Self.hashes(from: row["shingles"]),
                                     bandHits: hits[ref, default: 0])
            }.sorted { $0.bandHits > $1.bandHits }
        }
    }

    /// For each key held by a processed report other than `id`: the earliest such report and its paragraph.
    public func sharedParagraphs(keys: [Int64], excluding id: String) throws -> [Int64: ParagraphSource] {
        try pool.read { db in try Self.sharedParagraphs(keys: keys, excluding: id, in: db) }
    }

    static func sharedParagraphs(keys: [Int64], excluding id: String, in db: Database) throws -> [Int64: ParagraphSource] {
        guard !keys.isEmpty else { return [:] }
        do {
            let ownRef = try Int64.fetchOne(db.cachedStatement(sql: "SELECT ref FROM dedupe_report WHERE reportId = ?"),
                                            arguments: [id]) ?? -1
            let found = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT k.value AS key, (
                    SELECT p.ref || ',' || p.start || ',' || p."end" FROM dedupe_paragraph p
                    JOIN dedupe_report r ON r.ref = p.ref
                    JOIN report c ON c.id = r.reportId AND c.status = 'processed'
                    WHERE p.key = k.value AND p.ref != ?
                    ORDER BY p.ref LIMIT 1) AS hit
                FROM json_each(?) k
                """), arguments: [ownRef, Self.json(keys)])
            var places: [Int64: (ref: Int64, span: Span)] = [:]
            for row in found {
                guard let hit: String = row["hit"] else { continue }
                let parts = hit.split(separator: ",").compactMap { Int64($0) }
                guard parts.count == 3, parts[1] <= parts[2] else { continue }
                places[row["key"]] = (parts[0], Span(Int(parts[1]), Int(parts[2])))
            }
            guard !places.isEmpty else { return [:] }
            let refs = Set(places.values.map(\.ref))
            let reports = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.ref, r.reportId, c.file, c.issuer FROM json_each(?) k
                JOIN dedupe_report r ON r.ref = k.value JOIN report c ON c.id = r.reportId
                """), arguments: [Self.json(Array(refs))])
            var byRef: [Int64: Row] = [:]
            for row in reports { byRef[row["ref"]] = row }
            var sources: [Int64: ParagraphSource] = [:]
            for (key, place) in places {
                guard let report = byRef[place.ref] else { continue }
                sources[key] = ParagraphSource(reportId: report["reportId"], file: report["file"],
                                               issuer: report["issuer"], span: place.span)
            }
            return sources
        }
    }

    /// Everything dedupe asks about one fingerprint, read in one transaction.
    public func lookup(_ fingerprint: ReportFingerprint, perKey: Int, limit: Int) throws -> FingerprintLookup {
        try pool.read { db in
            let id = fingerprint.reportId
            return FingerprintLookup(
                arrival: try Self.arrival(of: id, in: db),
                sameText: try Self.firstProcessed(textHash: fingerprint.textHash, excluding: id, in: db),
                candidates: try Self.nearCandidates(bandKeys: fingerprint.bandKeys, excluding: id, perKey: perKey,
                                                    limit: limit, in: db),
                paragraphs: try Self.sharedParagraphs(keys: fingerprint.paragraphs.map(\.key), excluding: id, in: db))
        }
    }

    /// Writes one report's fingerprint, replacing whatever an earlier run wrote for the same report.
    public func save(_ fingerprint: ReportFingerprint) throws {
        try save(batch: [fingerprint])
    }

    /// Writes fingerprints in one transaction, replacing whatever earlier runs wrote for the same reports.
    ///
    /// The commit does not fsync (synchronous = NORMAL for this transaction only): a fingerprint
    /// is derived data, and the outcome the report flow records next, with the connection's own
    /// setting, syncs the write-ahead log and with it these pages. Lost before that, the report
    /// has no outcome either and is processed again.
    public func save(batch fingerprints: [ReportFingerprint]) throws {
        try pool.writeWithoutTransaction { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            try db.inTransaction {
                for fingerprint in fingerprints { try Self.upsert(fingerprint, in: db) }
                return .commit
            }
        }
    }

    /// How many reports, band rows and paragraph rows the tables hold.
    public func counts() throws -> (reports: Int, bands: Int, paragraphs: Int) {
        try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_report") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_band") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_paragraph") ?? 0)
        }
    }

    private static func upsert(_ fingerprint: ReportFingerprint, in db: Database) throws {
        let ref: Int64
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT ref FROM dedupe_report WHERE reportId = ?"),
                                             arguments: [fingerprint.reportId]) {
            ref = existing
            try db.execute(sql: """
                UPDATE dedupe_report SET textHash = ?, file = ?, received = ?, shingles = ? WHERE ref = ?
                """, arguments: [fingerprint.textHash, fingerprint.file, fingerprint.received,
                                 blob(from: fingerprint.shingles), ref])
            try db.execute(sql: "DELETE FROM dedupe_band WHERE ref = ?", arguments: [ref])
            try db.execute(sql: "DELETE FROM dedupe_paragraph WHERE ref = ?", arguments: [ref])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO dedupe_report (reportId, textHash, file, received, shingles) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [fingerprint.reportId, fingerprint.textHash, fingerprint.file, fingerprint.received,
                                 blob(from: fingerprint.shingles)])
            ref = db.lastInsertedRowID
        }
        let band = try db.cachedStatement(sql: "INSERT OR IGNORE INTO dedupe_band (key, ref) VALUES (?, ?)")
        for key in Set(fingerprint.bandKeys) {
            try band.execute(arguments: [key, ref])
        }
        let paragraph = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO dedupe_paragraph (key, ref, start, \"end\") VALUES (?, ?, ?, ?)")
        for entry in fingerprint.paragraphs {
            try paragraph.execute(arguments: [entry.key, ref, entry.span.start, entry.span.end])
        }
    }

    private static func json(_ values: [Int64]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    static func blob(from hashes: [UInt32]) -> Data {
        hashes.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func hashes(from blob: Data) -> [UInt32] {
        var hashes = [UInt32](repeating: 0, count: blob.count / MemoryLayout<UInt32>.size)
        hashes.withUnsafeMutableBytes { _ = blob.copyBytes(to: $0) }
        return hashes
    }
}
