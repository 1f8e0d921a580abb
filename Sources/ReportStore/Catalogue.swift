import Foundation
import GRDB
import ReportKit

/// The SQLite catalogue: every report reportd has seen, and every outcome it has had.
public final class Catalogue: Sendable {
    let pool: DatabasePool
    /// Dedupe fingerprints of reports whose outcome is pending, shared by every dedupe step over this catalogue.
    public let stagedFingerprints: StagedFingerprints
    /// The index of dedupe keys not merged into the key tables yet, brought up to date by each lookup.
    let pendingKeys = PendingKeys()
    /// Which keys the merged key tables may hold, so that a lookup seeks only those.
    let mergedKeyFilter: MergedKeyFilter
    /// Pending fingerprint rows at which `mergePendingFingerprintKeys()` merges them.
    public let pendingMergeThreshold: Int

    /// Opens (creating and migrating when needed) the catalogue at `url`, in WAL mode; dedupe writes
    /// its staged fingerprints once `stagingFlushThreshold` of them are unwritten.
    ///
    /// Memory is bounded whatever the catalogue's size: `pageCacheBytes` per connection (one writer
    /// and at most `readers` readers), and `mappedBytes` of the file mapped for reads. Mapping saves
    /// a `pread` per page on dedupe's scattered lookups, but every mapped page touched counts in the
    /// daemon's RSS, so the daemon maps nothing and keeps 4 MB caches: enough for the interior pages
    /// of the dedupe indexes, so a lookup misses the cache about once per key. Dedupe keys wait on their
    /// fingerprint rows until `pendingMergeThreshold` rows are pending, then go into the key tables together.
    /// Each connection's page cache unless `init` is told otherwise: the daemon's.
    public static let defaultPageCacheBytes = 4 << 20
    /// Pending fingerprint rows at which their keys are merged, unless `init` is told otherwise.
    public static let defaultPendingMergeThreshold = 256

    public init(url: URL, stagingFlushThreshold: Int = 256, pageCacheBytes: Int = Catalogue.defaultPageCacheBytes, mappedBytes: Int = 0,
                readers: Int = 2, pendingMergeThreshold: Int = Catalogue.defaultPendingMergeThreshold,
                mergedKeyFilterBits: Int = 1 << 26) throws {
        mergedKeyFilter = MergedKeyFilter(maximumBits: mergedKeyFilterBits)
        stagedFingerprints = StagedFingerprints(flushThreshold: stagingFlushThreshold)
        self.pendingMergeThreshold = max(1, pendingMergeThreshold)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = max(1, readers)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = \(max(0, mappedBytes))")
            try db.execute(sql: "PRAGMA cache_size = -\(max(1, pageCacheBytes >> 10))")
        }
        pool = try DatabasePool(path: url.path, configuration: configuration)
        try Self.migrator.migrate(pool)
        configuration.readonly = true
        lookupConnection = try DatabaseQueue(path: url.path, configuration: configuration)
    }

    /// A read-only connection of dedupe's own, for the one lookup every report makes: taken without
    /// the reader pool's hand-over, and without the schema check `DatabasePool` runs in a read
    /// transaction of its own before every read (each lookup began two read transactions).
    let lookupConnection: DatabaseQueue

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports and outcomes") { db in
            try db.create(table: "report") { table in
                table.primaryKey("id", .text)
                table.column("file", .text).notNull()
                table.column("format", .text).notNull()
                table.column("encoding", .text).notNull()
                table.column("bytes", .integer).notNull()
                table.column("issuer", .text)
                table.column("year", .integer)
                table.column("date", .text)
                table.column("title", .text)
                table.column("status", .text).notNull()
                table.column("archive", .text)
                table.column("duplicateOf", .text)
                table.column("sections", .integer).notNull()
                table.column("metrics", .integer).notNull()
                table.column("errors", .integer).notNull()
                table.column("warnings", .integer).notNull()
                table.column("infos", .integer).notNull()
                table.column("firstSeen", .text).notNull()
                table.column("lastSeen", .text).notNull()
            }
            try db.create(index: "report_on_issuer_year", on: "report", columns: ["issuer", "year"])
            try db.create(table: "outcome") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("reportId", .text)
                table.column("file", .text).notNull()
                table.column("status", .text).notNull()
                table.column("reason", .text)
                table.column("at", .text).notNull()
            }
            try db.create(index: "outcome_on_status", on: "outcome", columns: ["status"])
        }
        FingerprintStore.registerMigration(in: &migrator)
        registerDetailsMigration(in: &migrator)
        return migrator
    }

    /// Records what happened to one report: its row (when it was read), the outcome, and its staged fingerprint.
    public func record(receipt: Receipt, document: Document?) throws {
        try pool.write { db in try record(receipt: receipt, document: document, in: db) }
        try mergePendingFingerprintKeys()
    }

    /// Records a group commit's reports in one transaction, left unsynced (`synchronous = NORMAL`):
    /// the caller syncs the filesystem, and with it the write-ahead log, before any receipt is written.
    public func record(batch: [(receipt: Receipt, document: Document?)]) throws {
        guard !batch.isEmpty else { return }
        try pool.writeWithoutTransaction { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            try db.inTransaction {
                for (receipt, document) in batch { try record(receipt: receipt, document: document, in: db) }
                return .commit
            }
        }
    }

    /// `record(receipt:document:)` inside the caller's write transaction, for group commit: many
    /// reports' outcomes, and with each processed one its staged dedupe fingerprint, in one commit.
    ///
    /// A `processed` outcome writes the report's staged fingerprint unless a flush already did; any
    /// other outcome of the arrival that staged it drops it. Either way the staging ends when the
    /// transaction commits, and stays as it was if it rolls back.
    public func record(receipt: Receipt, document: Document?, in db: Database) throws {
        if let document, receipt.status != "failed" {
            let existing = try Self.statusAndFirstSeen(of: document.id, in: db)
            // A later arrival of the same bytes leaves the row of the one it repeats: its status is the report's.
            if let existing, receipt.status == "duplicate", existing.status == "processed" {
                let touch = try SteppedStatement("UPDATE report SET lastSeen = ? WHERE id = ?", in: db)
                touch.bind(1, receipt.at)
                touch.bind(2, document.id)
                try touch.run()
            } else {
                var row = ReportRow(document: document, receipt: receipt)
                if let existing { row.firstSeen = existing.firstSeen }
                try Self.upsert(row, in: db)
                try Self.insertDetails(of: document, replacing: existing != nil, in: db)
            }
        }
        let outcome = try SteppedStatement("INSERT INTO outcome (reportId, file, status, reason, at) VALUES (?, ?, ?, ?, ?)", in: db)
        outcome.bind(1, receipt.id)
        outcome.bind(2, receipt.file)
        outcome.bind(3, receipt.status)
        outcome.bind(4, receipt.reason)
        outcome.bind(5, receipt.at)
        try outcome.run()
        try settleStagedFingerprint(of: receipt, document: document, in: db)
    }

    /// The status and first-seen time of report `id`'s row, when it has one.
    static func statusAndFirstSeen(of id: String, in db: Database) throws -> (status: String, firstSeen: String)? {
        let query = try SteppedStatement("SELECT status, firstSeen FROM report WHERE id = ?", in: db)
        defer { query.reset() }
        query.bind(1, id)
        guard try query.step() else { return nil }
        return (query.text(0) ?? "", query.text(1) ?? "")
    }

    /// Inserts `row`, or replaces every column of the row already there, in one statement (the group
    /// commit writes one per report; GRDB's record encoding and its update-then-insert cost more than the write).
    static func upsert(_ row: ReportRow, in db: Database) throws {
        let upsert = try SteppedStatement("""
            INSERT INTO report (id, file, format, encoding, bytes, issuer, year, date, title, status, archive, duplicateOf,
                                sections, metrics, errors, warnings, infos, firstSeen, lastSeen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET file = excluded.file, format = excluded.format, encoding = excluded.encoding,
                bytes = excluded.bytes, issuer = excluded.issuer, year = excluded.year, date = excluded.date,
                title = excluded.title, status = excluded.status, archive = excluded.archive,
                duplicateOf = excluded.duplicateOf, sections = excluded.sections, metrics = excluded.metrics,
                errors = excluded.errors, warnings = excluded.warnings, infos = excluded.infos,
                firstSeen = excluded.firstSeen, lastSeen = excluded.lastSeen
            """, in: db)
        upsert.bind(1, row.id)
        upsert.bind(2, row.file)
        upsert.bind(3, row.format)
        upsert.bind(4, row.encoding)
        upsert.bind(5, Int64(row.bytes))
        upsert.bind(6, row.issuer)
        upsert.bind(7, row.year.map(Int64.init))
        upsert.bind(8, row.date)
        upsert.bind(9, row.title)
        upsert.bind(10, row.status)
        upsert.bind(11, row.archive)
        upsert.bind(12, row.duplicateOf)
        upsert.bind(13, Int64(row.sections))
        upsert.bind(14, Int64(row.metrics))
        upsert.bind(15, Int64(row.errors))
        upsert.bind(16, Int64(row.warnings))
        upsert.bind(17, Int64(row.infos))
        upsert.bind(18, row.firstSeen)
        upsert.bind(19, row.lastSeen)
        try upsert.run()
    }

    private func settleStagedFingerprint(of receipt: Receipt, document: Document?, in db: Database) throws {
        guard let id = receipt.id,
              let staged = stagedFingerprints.fingerprint(of: id, file: receipt.file, received: document?.source.received)
        else { return }
        if receipt.status == "processed", !staged.written {
            try FingerprintStore.upsert([staged.fingerprint], filter: mergedKeyFilter, in: db)
        }
        let stagedFingerprints = stagedFingerprints
        db.afterNextTransaction { _ in stagedFingerprints.release(staged.fingerprint) }
    }

    /// Merges the dedupe keys of pending fingerprint rows into the key tables once `pendingMergeThreshold`
    /// rows are pending (the report flow calls it after a group's receipts); returns how many rows were merged.
    @discardableResult
    public func mergePendingFingerprintKeys() throws -> Int {
        try FingerprintStore(catalogue: self).mergePending(ifAtLeast: pendingMergeThreshold)
    }

    /// Writes every staged fingerprint not written yet, in one transaction of its own (not fsynced:
    /// the next recorded outcome syncs it). They stay staged, and matchable, until their outcomes.
    public func flushStagedFingerprints() throws {
        try FingerprintStore(catalogue: self).flushStaged()
    }

    /// Writes every staged fingerprint not written yet inside the caller's write transaction; they
    /// count as written once it commits.
    public func flushStagedFingerprints(in db: Database) throws {
        let pending = stagedFingerprints.unwritten()
        guard !pending.isEmpty else { return }
        try FingerprintStore.upsert(pending, filter: mergedKeyFilter, in: db)
        let stagedFingerprints = stagedFingerprints
        db.afterNextTransaction { _ in stagedFingerprints.markWritten(pending) }
    }

    /// Records many processed reports in one transaction (imports and benchmarks), with their staged
    /// fingerprints; outcomes are not written.
    public func recordAll(_ entries: [(receipt: Receipt, document: Document)]) throws {
        try pool.write { db in
            for (receipt, document) in entries where receipt.status != "failed" {
                try Self.upsert(ReportRow(document: document, receipt: receipt), in: db)
                try settleStagedFingerprint(of: receipt, document: document, in: db)
                try Self.insertDetails(of: document, in: db)
            }
        }
    }

    /// The catalogue's row for report `id`.
    public func report(id: String) throws -> ReportRow? {
        try pool.read { db in try ReportRow.fetchOne(db, key: id) }
    }

    /// Every report row, oldest first.
    public func reports() throws -> [ReportRow] {
        try pool.read { db in try ReportRow.order(Column("firstSeen")).fetchAll(db) }
    }

    /// How many outcomes of each status were recorded.
    public func outcomeCounts() throws -> [String: Int] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outcome GROUP BY status")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["status"] as String, $0["n"] as Int) })
        }
    }

    /// The latest failures, newest first.
    public func lastFailures(limit: Int) throws -> [OutcomeRow] {
        try pool.read { db in
            try OutcomeRow.filter(Column("status") == "failed").order(Column("seq").desc).limit(limit).fetchAll(db)
        }
    }

    /// Every outcome, oldest first.
    public func outcomes() throws -> [OutcomeRow] {
        try pool.read { db in try OutcomeRow.order(Column("seq")).fetchAll(db) }
    }
}

/// A report as the catalogue keeps it.
public struct ReportRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "report"

    public var id: String
    public var file: String
    public var format: String
    public var encoding: String
    public var bytes: Int
    public var issuer: String?
    public var year: Int?
    public var date: String?
    public var title: String?
    public var status: String
    public var archive: String?
    public var duplicateOf: String?
    public var sections: Int
    public var metrics: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var firstSeen: String
    public var lastSeen: String

    init(document: Document, receipt: Receipt) {
        id = document.id
        file = document.source.name
        format = document.source.format
        encoding = document.source.encoding
        bytes = document.source.bytes
        issuer = document.meta.issuer
        year = document.meta.year
        date = document.meta.date
        title = document.meta.title
        status = receipt.status
        archive = receipt.archive
        duplicateOf = receipt.duplicateOf
        sections = receipt.sections
        metrics = receipt.metrics
        errors = receipt.findings.error
        warnings = receipt.findings.warning
        infos = receipt.findings.info
        firstSeen = receipt.at
        lastSeen = receipt.at
    }
}

/// One outcome of one file: processed, duplicate or failed, with the reason.
public struct OutcomeRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "outcome"

    public var seq: Int64?
    public var reportId: String?
    public var file: String
    public var status: String
    public var reason: String?
    public var at: String
}

extension Catalogue {
    /// Points report `id` at `archive` (or at nothing), keeping the rest of its row.
    public func setArchive(_ archive: String?, for id: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE report SET archive = ? WHERE id = ?", arguments: [archive, id])
        }
    }

    /// Adds the row of an archived report the catalogue lost, from its document.json.
    public func recordRecovered(_ document: Document, archive: String, at date: Date) throws {
        let receipt = Receipt(status: "processed", file: document.source.name, id: document.id, archive: archive,
                              document: document, duplicateOf: nil, reason: nil, at: date)
        try pool.write { db in
            try Self.upsert(ReportRow(document: document, receipt: receipt), in: db)
            try Self.insertDetails(of: document, in: db)
        }
    }
}
