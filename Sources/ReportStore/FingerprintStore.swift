import Foundation
import GRDB
import GRDBSQLite
import ReportKit

/// What dedupe keeps of one report: its normalised-text hash, shingle set, LSH band keys and paragraph keys.
public struct ReportFingerprint: Sendable, Equatable {
    public var reportId: String
    /// The issuer the report names, for findings that point at it while it is staged.
    public var issuer: String?
    /// The arrival that wrote it: the file name and the time the file was claimed.
    public var file: String
    public var received: String
    public var textHash: String
    /// Hashes of the character shingles, sorted and unique.
    public var shingles: [UInt32]
    /// The MinHash signature the band keys were cut from: cheap to compare before the shingle sets are.
    public var signature: [UInt32]
    public var bandKeys: [Int64]
    public var paragraphs: [ParagraphKey]
    /// Where the report's archive entry will be, relative to the data root, so that a later report can
    /// link to it while it is still staged.
    public var archive: String?

    public init(reportId: String, issuer: String? = nil, file: String, received: String, textHash: String,
                shingles: [UInt32], signature: [UInt32] = [], bandKeys: [Int64], paragraphs: [ParagraphKey],
                archive: String? = nil) {
        self.reportId = reportId
        self.issuer = issuer
        self.file = file
        self.received = received
        self.textHash = textHash
        self.shingles = shingles
        self.signature = signature
        self.bandKeys = bandKeys
        self.paragraphs = paragraphs
        self.archive = archive
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
    /// The catalogue's status for the report; `staged` while its outcome is pending in this process;
    /// nil when no outcome was recorded (a crash, or a failure).
    public var status: String?
    /// The report's archive entry, once it has one.
    public var archive: String?

    /// Whether a later arrival of the same bytes repeats it: it is archived, or about to be.
    public var isMatchable: Bool { status == "processed" || status == "staged" }

    /// The arrival as a duplicate reference names it.
    public var earlier: EarlierArrival { EarlierArrival(file: file, received: received, archive: archive) }
}

/// Another report that matched, with the arrival that brought it.
public struct MatchedReport: Sendable, Equatable {
    public var reportId: String
    public var arrival: EarlierArrival
}

/// An archived report whose band keys collide with the one being checked.
public struct NearCandidate: Sendable, Equatable {
    public var reportId: String
    public var arrival: EarlierArrival
    public var shingles: [UInt32]
    /// How many of the bands matched; 0 for a report found because it holds one of the paragraphs.
    public var bandHits: Int
    /// The share of MinHash signature values the two reports agree on, beyond the band that selected
    /// the candidate (`CandidateScreen.agreement`): an estimate of their similarity.
    public var agreement: Double
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
    /// The first processed (or staged) report with the same normalised text.
    public var sameText: MatchedReport?
    public var candidates: [NearCandidate]
    /// Paragraph key → where a processed report holds it.
    public var paragraphs: [Int64: ParagraphSource]
}


/// The dedupe tables of the catalogue: every lookup is an index seek, every write an idempotent upsert.
///
/// Only reports whose catalogue status is `processed`, and the catalogue's staged fingerprints
/// (see `StagedFingerprints`), are ever matched: a report whose chain failed, or that was itself a
/// duplicate, leaves no fingerprint anybody is compared with. The per-key loops step SQLite
/// statements through the C interface, since GRDB's argument arrays would cost more than the seeks.
public struct FingerprintStore: Sendable {
    private let pool: DatabasePool
    private let lookupConnection: DatabaseQueue
    private let staged: StagedFingerprints
    private let pending: PendingKeys
    private let filter: MergedKeyFilter
    private let mergeThreshold: Int

    public init(catalogue: Catalogue) {
        pool = catalogue.pool
        lookupConnection = catalogue.lookupConnection
        staged = catalogue.stagedFingerprints
        pending = catalogue.pendingKeys
        filter = catalogue.mergedKeyFilter
        mergeThreshold = catalogue.pendingMergeThreshold
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
        // Each band and paragraph row cost two B-tree inserts (the key and the ref index); the
        // report row now keeps its own keys, so a re-run deletes its old rows by primary key.
        // The shingle set (kilobytes, on overflow pages) moves to a table of its own, so that
        // reading a candidate's signature does not walk past it.
        migrator.registerMigration("v3: dedupe keys kept on the report row") { db in
            try db.alter(table: "dedupe_report") { table in
                table.add(column: "signature", .blob)
                table.add(column: "bandKeys", .blob)
                table.add(column: "paragraphKeys", .blob)
            }
            try db.drop(index: "dedupe_band_on_ref")
            try db.drop(index: "dedupe_paragraph_on_ref")
            try db.create(table: "dedupe_shingles") { table in
                table.primaryKey("ref", .integer)
                table.column("shingles", .blob).notNull()
            }
            try db.execute(sql: "INSERT INTO dedupe_shingles (ref, shingles) SELECT ref, shingles FROM dedupe_report")
            try db.execute(sql: "ALTER TABLE dedupe_report DROP COLUMN shingles")
        }
        // A report's ~50 band and paragraph rows went into two large B-trees at random keys, and each
        // dirtied a page of its own in the write-ahead log at every commit. Now its keys stay on its
        // `dedupe_report` row (paragraphs as key, start, end), the row is listed in `dedupe_pending`,
        // and every so many rows the pending keys are merged into the key tables in one sorted pass.
        // `generation` counts merges and re-runs, so every reader knows when to reload its index of the pending rows.
        migrator.registerMigration("v6: dedupe keys pending a merge") { db in
            try db.alter(table: "dedupe_report") { table in
                table.add(column: "paragraphSpans", .blob)
            }
            try db.create(table: "dedupe_pending") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("ref", .integer).notNull().unique()
            }
            try db.create(table: "dedupe_merge") { table in
                table.primaryKey("id", .integer)
                table.column("generation", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO dedupe_merge (id, generation) VALUES (1, 0)")
        }
    }

    // MARK: lookups

    /// Everything dedupe asks about one fingerprint: the catalogue, in one read transaction, and the staged fingerprints.
    ///
    /// Near candidates that `screen` turns away are dropped unread (their shingle sets are never
    /// loaded); `perKey` and `limit` are as in `nearCandidates`.
    public func lookup(_ fingerprint: ReportFingerprint, perKey: Int, limit: Int,
                       screen: CandidateScreen = .none) throws -> FingerprintLookup {
        // The staging first: a fingerprint released after this read had its outcome committed
        // before it, so the read transaction that starts next sees it in the tables.
        let stagedMatches = staged.matches(for: fingerprint)
        let stored = try lookupConnection.inDatabase { db in
            try Self.inSnapshot(db) {
                try Self.lookup(fingerprint, perKey: perKey, limit: limit, screen: screen, pending: pending,
                                filter: filter, in: db)
            }
        }
        return Self.merged(stored, stagedMatches, signature: fingerprint.signature,
                           limit: limit, screen: screen)
    }

    /// Looks `fingerprint` up and, when `stages` says so, stages it, with no other lookup in between:
    /// of two copies deduped at once, the second always sees the first. Flushes the staged
    /// fingerprints afterwards when they pass the catalogue's threshold.
    public func lookupAndStage(_ fingerprint: ReportFingerprint, perKey: Int, limit: Int, screen: CandidateScreen = .none,
                               stages: (FingerprintLookup) throws -> Bool) throws -> FingerprintLookup {
        let found = try staged.serialised {
            let found = try lookup(fingerprint, perKey: perKey, limit: limit, screen: screen)
            if try stages(found) { staged.stage(fingerprint) }
            return found
        }
        if staged.needsFlush { try flushStaged(waiting: false) }
        return found
    }

    static func lookup(_ fingerprint: ReportFingerprint, perKey: Int, limit: Int, screen: CandidateScreen,
                       pending: PendingKeys, filter: MergedKeyFilter, in db: Database) throws -> FingerprintLookup {
        let id = fingerprint.reportId
        let paragraphKeys = fingerprint.paragraphs.map(\.key)
        let unmerged = try pending.matches(bandKeys: fingerprint.bandKeys, paragraphKeys: paragraphKeys, in: db)
        let own = try arrival(of: id, in: db)
        let sameText = try firstProcessed(textHash: fingerprint.textHash, excluding: id, in: db)
        return try filter.using(generation: unmerged.generation, estimate: { try mergedKeyBound(in: db) },
                                scan: { try forEachMergedKey(in: db, $0) }) { mayHold in
            let shared = try sharedParagraphs(keys: paragraphKeys, excludingRef: own?.ref ?? -1, pending: unmerged.paragraphs,
                                              mayHold: mayHold, in: db)
            return FingerprintLookup(
                arrival: own?.arrival, sameText: sameText,
                candidates: try nearCandidates(of: fingerprint, perKey: perKey, limit: limit, screen: screen,
                                               pending: unmerged.bands, mayHold: mayHold, holders: shared.holders, in: db),
                paragraphs: shared.sources)
        }
    }

    /// Calls `body` with every key of the merged key tables, for `MergedKeyFilter` to be built from.
    static func forEachMergedKey(in db: Database, _ body: (Int64) -> Void) throws {
        let query = try SteppedStatement("SELECT key FROM dedupe_band UNION ALL SELECT key FROM dedupe_paragraph", in: db)
        defer { query.reset() }
        while try query.step() { body(query.int64(0)) }
    }

    /// An upper bound of the merged keys, read without a scan: 64 for every fingerprint row ever written
    /// (32 bands by default and a report's paragraphs; a bound too low only makes the filter pass more).
    static func mergedKeyBound(in db: Database) throws -> Int {
        let query = try SteppedStatement("SELECT MAX(ref) FROM dedupe_report", in: db)
        defer { query.reset() }
        return try query.step() ? Int(query.int64(0)) * 64 : 0
    }

    /// The catalogue's answer with the staged fingerprints added: the catalogue's reports are older, so they win ties.
    static func merged(_ stored: FingerprintLookup, _ staged: StagedMatches, signature: [UInt32], limit: Int,
                       screen: CandidateScreen) -> FingerprintLookup {
        var found = stored
        if let own = staged.arrival {
            found.arrival = FingerprintArrival(file: own.file, received: own.received, status: "staged", archive: own.archive)
        }
        if found.sameText == nil, let same = staged.sameText {
            found.sameText = MatchedReport(reportId: same.reportId, arrival: same.arrival)
        }
        let holders = staged.paragraphs.values.map(\.holder)
        if !staged.candidates.isEmpty || !holders.isEmpty {
            var known = Set(found.candidates.map(\.reportId))
            // Band candidates first, so that a report both found by a band and holding a paragraph is counted as the former.
            let byId = Dictionary(holders.map { ($0.reportId, $0) }, uniquingKeysWith: { first, _ in first })
            for (other, hits) in staged.candidates.map({ ($0.fingerprint, $0.bandHits) })
                + mostHeldFirst(holders.map(\.reportId)).compactMap({ byId[$0] }).map({ ($0, 0) })
            where known.insert(other.reportId).inserted {
                let agreement = screen.agreement(signature, other.signature, selectedByBand: hits > 0)
                guard agreement >= screen.minimumAgreement else { continue }
                found.candidates.append(NearCandidate(reportId: other.reportId, arrival: other.arrival, shingles: other.shingles,
                                                      bandHits: hits, agreement: agreement))
            }
            // At most `limit` of each kind: most band hits first, then those a shared paragraph found.
            let banded = found.candidates.filter { $0.bandHits > 0 }.sorted { $0.bandHits > $1.bandHits }.prefix(limit)
            found.candidates = Array(banded) + found.candidates.filter { $0.bandHits == 0 }.prefix(limit)
        }
        for (key, place) in staged.paragraphs where found.paragraphs[key] == nil {
            found.paragraphs[key] = ParagraphSource(reportId: place.holder.reportId, file: place.holder.file,
                                                    issuer: place.holder.issuer, span: place.span)
        }
        return found
    }

    /// Runs `body` in one deferred read transaction, begun and ended by cached statements.
    ///
    /// `DatabaseQueue.read` does the same through a savepoint and read-only switches whose statements
    /// are compiled on every call.
    static func inSnapshot<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let begin = try SteppedStatement("BEGIN DEFERRED TRANSACTION", in: db)
        let commit = try SteppedStatement("COMMIT TRANSACTION", in: db)
        try begin.run()
        do {
            let value = try body()
            try commit.run()
            return value
        } catch {
            try? db.execute(sql: "ROLLBACK TRANSACTION")
            throw error
        }
    }

    /// The arrival that fingerprinted report `id`, or nil when it was never fingerprinted.
    public func arrival(of id: String) throws -> FingerprintArrival? {
        try pool.read { db in try Self.arrival(of: id, in: db)?.arrival }
    }

    static func arrival(of id: String, in db: Database) throws -> (ref: Int64, arrival: FingerprintArrival)? {
        let query = try SteppedStatement("""
            SELECT r.ref, r.file, r.received, c.status, c.archive FROM dedupe_report r
            LEFT JOIN report c ON c.id = r.reportId WHERE r.reportId = ?
            """, in: db)
        defer { query.reset() }
        query.bind(1, id)
        guard try query.step() else { return nil }
        return (query.int64(0), FingerprintArrival(file: query.text(1) ?? "", received: query.text(2) ?? "",
                                                   status: query.text(3), archive: query.text(4)))
    }

    /// The first processed report other than `id` whose normalised text hashes to `textHash`.
    static func firstProcessed(textHash: String, excluding id: String, in db: Database) throws -> MatchedReport? {
        let query = try SteppedStatement("""
            SELECT r.reportId, r.file, r.received, c.archive FROM dedupe_report r JOIN report c ON c.id = r.reportId
            WHERE r.textHash = ? AND r.reportId != ? AND c.status = 'processed'
            ORDER BY r.ref LIMIT 1
            """, in: db)
        defer { query.reset() }
        query.bind(1, textHash)
        query.bind(2, id)
        guard try query.step() else { return nil }
        return MatchedReport(reportId: query.text(0) ?? "", arrival: query.arrival(file: 1, received: 2, archive: 3))
    }

    /// Processed reports other than `id` sharing at least one band key, most band hits first, then
    /// those of `holders` (reports holding one of its paragraphs) that no band found.
    ///
    /// Each key contributes at most `perKey` of its latest reports, and at most `limit` candidates
    /// of each kind come back, so a band key shared by thousands of reports costs no more than a rare one.
    /// `pending` holds the refs of rows not merged yet (all newer than the merged ones), newest first.
    ///
    /// The holders are found by the paragraph lookup, which runs anyway: a report re-sent with half
    /// its sentences edited (similarity 0.35–0.5) shares a band key only about half the time, but
    /// most often keeps a paragraph or two whole (the paragraph keys fold numbers).
    static func nearCandidates(of fingerprint: ReportFingerprint, perKey: Int, limit: Int, screen: CandidateScreen = .none,
                               pending: [Int64: [Int64]] = [:], mayHold: (Int64) -> Bool = { _ in true },
                               holders: [Int64] = [], in db: Database) throws -> [NearCandidate] {
        let id = fingerprint.reportId
        let band = try SteppedStatement("SELECT ref FROM dedupe_band WHERE key = ? ORDER BY ref DESC LIMIT ?", in: db)
        var counts: [Int64: Int] = [:]
        for key in fingerprint.bandKeys {
            let newer = pending[key] ?? []
            for ref in newer.prefix(perKey) { counts[ref, default: 0] += 1 }
            guard newer.count < perKey, mayHold(key) else { continue }
            band.bind(1, key)
            band.bind(2, Int64(perKey - newer.count))
            while try band.step() { counts[band.int64(0), default: 0] += 1 }
            band.reset()
        }
        let banded = counts.map { (ref: $0.key, count: $0.value) }.sorted { ($0.count, $0.ref) > ($1.count, $1.ref) }.prefix(limit)
        let unbanded = holders.filter { counts[$0] == nil }.prefix(limit).map { (ref: $0, count: 0) }
        let hits = Array(banded) + unbanded
        guard !hits.isEmpty else { return [] }
        // Most candidates are reports of the genre that share a band or two by chance (7 read for
        // every one kept, in the bench's corpus): their signatures are compared first, from the
        // fingerprint row alone, and only those that agree enough are joined with their catalogue
        // status and have their shingle sets read.
        let signature = try SteppedStatement("SELECT signature FROM dedupe_report WHERE ref = ?", in: db)
        let report = try SteppedStatement("""
            SELECT r.reportId, r.file, r.received, c.archive FROM dedupe_report r
            JOIN report c ON c.id = r.reportId AND c.status = 'processed' WHERE r.ref = ? AND r.reportId != ?
            """, in: db)
        let shingles = try SteppedStatement("SELECT shingles FROM dedupe_shingles WHERE ref = ?", in: db)
        var candidates: [NearCandidate] = []
        for hit in hits {
            signature.bind(1, hit.ref)
            let agreement = try signature.step()
                ? screen.agreement(fingerprint.signature, signature.hashes(0), selectedByBand: hit.count > 0) : 0
            signature.reset()
            guard agreement >= screen.minimumAgreement else { continue }
            report.bind(1, hit.ref)
            report.bind(2, id)
            defer { report.reset() }
            guard try report.step() else { continue }
            shingles.bind(1, hit.ref)
            let set = try shingles.step() ? shingles.hashes(0) : []
            shingles.reset()
            candidates.append(NearCandidate(reportId: report.text(0) ?? "", arrival: report.arrival(file: 1, received: 2, archive: 3),
                                            shingles: set, bandHits: hit.count, agreement: agreement))
        }
        return candidates
    }

    /// For each key held by a processed report other than the one at `ownRef`: the earliest such
    /// report and its paragraph; and the refs of those reports, the one holding most keys first.
    /// `pending` holds the rows not merged yet (all newer than the merged ones), oldest first.
    static func sharedParagraphs(keys: [Int64], excludingRef ownRef: Int64, pending: [Int64: [PendingKeys.ParagraphRow]] = [:],
                                 mayHold: (Int64) -> Bool = { _ in true },
                                 in db: Database) throws -> (sources: [Int64: ParagraphSource], holders: [Int64]) {
        guard !keys.isEmpty else { return ([:], []) }
        let paragraph = try SteppedStatement("""
            SELECT p.ref, p.start, p."end" FROM dedupe_paragraph p
            JOIN dedupe_report r ON r.ref = p.ref JOIN report c ON c.id = r.reportId AND c.status = 'processed'
            WHERE p.key = ? AND p.ref != ? ORDER BY p.ref LIMIT 1
            """, in: db)
        var places: [Int64: (ref: Int64, span: Span)] = [:]
        for key in keys where places[key] == nil && mayHold(key) {
            paragraph.bind(1, key)
            paragraph.bind(2, ownRef)
            if try paragraph.step() {
                let start = paragraph.int64(1), end = paragraph.int64(2)
                if start <= end { places[key] = (paragraph.int64(0), Span(Int(start), Int(end))) }
            }
            paragraph.reset()
        }
        guard !places.isEmpty || !pending.isEmpty else { return ([:], []) }
        // One read per holding report, which also tells whether it is processed (a pending row's
        // report may not be): nil once read and not processed.
        let holder = try SteppedStatement("""
            SELECT r.reportId, c.file, c.issuer FROM dedupe_report r
            JOIN report c ON c.id = r.reportId AND c.status = 'processed' WHERE r.ref = ?
            """, in: db)
        var holders: [Int64: (id: String, file: String, issuer: String?)?] = [:]
        func processedHolder(_ ref: Int64) throws -> (id: String, file: String, issuer: String?)? {
            if let known = holders[ref] { return known }
            holder.bind(1, ref)
            let found = try holder.step() ? (holder.text(0) ?? "", holder.text(1) ?? "", holder.text(2)) : nil
            holder.reset()
            holders[ref] = found
            return found
        }
        for key in keys where places[key] == nil {
            for row in pending[key] ?? [] where row.ref != ownRef && row.start <= row.end {
                guard try processedHolder(row.ref) != nil else { continue }
                places[key] = (row.ref, Span(Int(row.start), Int(row.end)))
                break
            }
        }
        var sources: [Int64: ParagraphSource] = [:]
        var holding: [Int64] = []
        for (key, place) in places {
            guard let report = try processedHolder(place.ref) else { continue }
            sources[key] = ParagraphSource(reportId: report.id, file: report.file, issuer: report.issuer, span: place.span)
            holding.append(place.ref)
        }
        return (sources, mostHeldFirst(holding))
    }

    /// Each of `holders` (one entry for every paragraph it holds) once, the one holding most first.
    static func mostHeldFirst<Holder: Hashable & Comparable>(_ holders: [Holder]) -> [Holder] {
        Dictionary(holders.map { ($0, 1) }, uniquingKeysWith: +).sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map(\.key)
    }

    // MARK: writes

    /// Writes one report's fingerprint, replacing whatever an earlier run wrote for the same report.
    public func save(_ fingerprint: ReportFingerprint) throws {
        try save(batch: [fingerprint])
    }

    /// Writes fingerprints in one transaction, replacing whatever earlier runs wrote for the same reports.
    ///
    /// The commit does not fsync (synchronous = NORMAL for this transaction only): a fingerprint
    /// is derived data, and the next outcome the report flow records, with the connection's own
    /// setting, syncs the write-ahead log and with it these pages. Lost before that, the reports
    /// have no outcome either and are processed again.
    public func save(batch fingerprints: [ReportFingerprint]) throws {
        guard !fingerprints.isEmpty else { return }
        try pool.writeWithoutTransaction { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            try db.inTransaction {
                try Self.upsert(fingerprints, filter: filter, in: db)
                return .commit
            }
        }
    }

    /// Writes every staged fingerprint not written yet in one transaction; they stay staged until their outcomes.
    func flushStaged(waiting: Bool = true) throws {
        try staged.flushing(waiting: waiting) {
            let pending = staged.unwritten()
            guard !pending.isEmpty else { return }
            try save(batch: pending)
            staged.markWritten(pending)
            try mergePending(ifAtLeast: mergeThreshold)
        }
    }

    /// How many reports, band keys and paragraph keys the catalogue holds, merged or pending a merge.
    public func counts() throws -> (reports: Int, bands: Int, paragraphs: Int) {
        try pool.read { db in
            let pending = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(length(r.bandKeys)), 0) / 8, COALESCE(SUM(length(r.paragraphSpans)), 0) / 24
                FROM dedupe_pending p JOIN dedupe_report r ON r.ref = p.ref
                """)
            return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_report") ?? 0,
                    (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_band") ?? 0) + (pending?[0] ?? 0),
                    (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_paragraph") ?? 0) + (pending?[1] ?? 0))
        }
    }

    /// Merges the pending rows' keys into the key tables when at least `minimum` rows are pending, in a
    /// transaction of its own that is not fsynced (the keys are on the rows too, and a merge lost in a
    /// crash is lost whole, with the generation it bumped); returns how many rows were merged.
    @discardableResult
    public func mergePending(ifAtLeast minimum: Int) throws -> Int {
        try pool.writeWithoutTransaction { db in
            guard try Self.pendingCount(in: db) >= max(1, minimum) else { return 0 }
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            var merged = 0
            try db.inTransaction {
                merged = try Self.mergePending(filter: filter, in: db)
                return .commit
            }
            return merged
        }
    }

    /// Upserts `fingerprints` inside the caller's transaction. A report's keys stay on its row and the
    /// row is listed as pending; `mergePending(in:)` moves them into the key tables later.
    static func upsert(_ fingerprints: [ReportFingerprint], filter: MergedKeyFilter, in db: Database) throws {
        let find = try SteppedStatement("""
            SELECT r.ref, r.bandKeys, r.paragraphKeys, r.paragraphSpans, p.seq FROM dedupe_report r
            LEFT JOIN dedupe_pending p ON p.ref = r.ref WHERE r.reportId = ?
            """, in: db)
        let update = try SteppedStatement("""
            UPDATE dedupe_report SET textHash = ?, file = ?, received = ?, bandKeys = ?, paragraphKeys = NULL, signature = ?,
                paragraphSpans = ? WHERE ref = ?
            """, in: db)
        let insert = try SteppedStatement("""
            INSERT INTO dedupe_report (textHash, file, received, bandKeys, signature, paragraphSpans, reportId)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, in: db)
        let shingles = try SteppedStatement("INSERT OR REPLACE INTO dedupe_shingles (ref, shingles) VALUES (?, ?)", in: db)
        let pend = try SteppedStatement("INSERT INTO dedupe_pending (ref) VALUES (?) ON CONFLICT(ref) DO NOTHING", in: db)
        var replacedPending = false
        for fingerprint in fingerprints {
            let bandKeys = Array(Set(fingerprint.bandKeys))
            let paragraphSpans = fingerprint.paragraphs.flatMap { [$0.key, Int64($0.span.start), Int64($0.span.end)] }
            find.bind(1, fingerprint.reportId)
            let existing = try find.step()
                ? (ref: find.int64(0), merged: StoredKeys(bands: find.int64s(1), pairs: find.int64s(2), spans: find.int64s(3)),
                   pending: find.isNull(4) == false)
                : nil
            find.reset()
            let write = existing == nil ? insert : update
            write.bind(1, fingerprint.textHash)
            write.bind(2, fingerprint.file)
            write.bind(3, fingerprint.received)
            write.bind(4, bandKeys)
            write.bind(5, fingerprint.signature)
            write.bind(6, paragraphSpans)
            let ref: Int64
            if let existing {
                ref = existing.ref
                write.bind(7, ref)
                try write.run()
                // A pending row's old keys are only in the readers' indexes, which the generation bump reloads.
                if existing.pending { replacedPending = true } else { try deleteRows(of: ref, keys: existing.merged, in: db) }
            } else {
                write.bind(7, fingerprint.reportId)
                try write.run()
                ref = db.lastInsertedRowID
            }
            shingles.bind(1, ref)
            shingles.bind(2, fingerprint.shingles)
            try shingles.run()
            pend.bind(1, ref)
            try pend.run()
        }
        if replacedPending { try bumpGeneration(filter: filter, adding: [], in: db) }
    }

    /// How many fingerprint rows are pending a merge.
    static func pendingCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedupe_pending") ?? 0
    }

    /// Moves every pending row's keys into the key tables, in key order, inside the caller's transaction; returns how many rows.
    ///
    /// The sorted inserts touch each leaf of the key tables at most once per merge, where one report's
    /// keys touched ~50 leaves at every commit.
    static func mergePending(filter: MergedKeyFilter, in db: Database) throws -> Int {
        let rows = try SteppedStatement("""
            SELECT p.ref, r.bandKeys, r.paragraphSpans FROM dedupe_pending p JOIN dedupe_report r ON r.ref = p.ref
            """, in: db)
        var merged = 0
        var bands: [(key: Int64, ref: Int64)] = []
        var paragraphs: [(key: Int64, ref: Int64, start: Int64, end: Int64)] = []
        while try rows.step() {
            merged += 1
            let ref = rows.int64(0)
            for key in rows.int64s(1) ?? [] { bands.append((key, ref)) }
            for row in paragraphRows(rows.int64s(2) ?? []) { paragraphs.append((row.key, ref, row.start, row.end)) }
        }
        rows.reset()
        guard merged > 0 else { return 0 }
        bands.sort { ($0.key, $0.ref) < ($1.key, $1.ref) }
        paragraphs.sort { ($0.key, $0.ref, $0.start) < ($1.key, $1.ref, $1.start) }
        try insertRows(into: "dedupe_band", columns: ["key", "ref"], count: bands.count, in: db) { statement, index, first in
            statement.bind(first, bands[index].key)
            statement.bind(first + 1, bands[index].ref)
        }
        try insertRows(into: "dedupe_paragraph", columns: ["key", "ref", "start", "\"end\""], count: paragraphs.count, in: db) {
            statement, index, first in
            let row = paragraphs[index]
            statement.bind(first, row.key)
            statement.bind(first + 1, row.ref)
            statement.bind(first + 2, row.start)
            statement.bind(first + 3, row.end)
        }
        try db.execute(sql: "DELETE FROM dedupe_pending")
        try bumpGeneration(filter: filter, adding: bands.map(\.key) + paragraphs.map(\.key), in: db)
        return merged
    }

    /// Inserts `count` rows, ignoring those already there, `chunk` rows a statement: stepping a
    /// statement for every row was about a fifth of a merge's time. `bind` binds row `index` from parameter `first` on.
    private static func insertRows(into table: String, columns: [String], count: Int, chunk: Int = 64, in db: Database,
                                   bind: (_ statement: SteppedStatement, _ index: Int, _ first: Int32) -> Void) throws {
        func statement(rows: Int) throws -> SteppedStatement {
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            return try SteppedStatement("INSERT OR IGNORE INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                        + Array(repeating: row, count: rows).joined(separator: ", "), in: db)
        }
        let whole = count / chunk
        if whole > 0 {
            let many = try statement(rows: chunk)
            for start in stride(from: 0, to: whole * chunk, by: chunk) {
                for offset in 0..<chunk { bind(many, start + offset, Int32(offset * columns.count + 1)) }
                try many.run()
            }
        }
        guard whole * chunk < count else { return }
        let one = try statement(rows: 1)
        for index in (whole * chunk)..<count {
            bind(one, index, 1)
            try one.run()
        }
    }

    /// The (key, start, end) triples of a `paragraphSpans` blob.
    static func paragraphRows(_ spans: [Int64]) -> [(key: Int64, start: Int64, end: Int64)] {
        stride(from: 0, to: spans.count - 2, by: 3).map { (spans[$0], spans[$0 + 1], spans[$0 + 2]) }
    }

    /// Moves the merge generation on, and `filter` with it, adding `keys`, once the transaction commits.
    private static func bumpGeneration(filter: MergedKeyFilter, adding keys: [Int64], in db: Database) throws {
        let old = try PendingKeys.generation(in: db)
        try db.execute(sql: "UPDATE dedupe_merge SET generation = generation + 1 WHERE id = 1")
        db.afterNextTransaction { _ in filter.advance(from: old, to: old + 1, adding: keys) }
    }

    /// The keys a merged row put in the key tables: `spans` (key, start, end) since v6, `pairs` (key, start) before it.
    struct StoredKeys {
        var bands: [Int64]?
        var pairs: [Int64]?
        var spans: [Int64]?

        /// (key, start) of each paragraph row, or nil when the row kept no keys (written before v3).
        var paragraphRows: [(key: Int64, start: Int64)]? {
            if let spans { return FingerprintStore.paragraphRows(spans).map { ($0.key, $0.start) } }
            if let pairs { return stride(from: 0, to: pairs.count - 1, by: 2).map { (pairs[$0], pairs[$0 + 1]) } }
            return nil
        }
    }

    /// Deletes the band and paragraph rows an earlier run merged for `ref`, by primary key when the row kept its keys.
    private static func deleteRows(of ref: Int64, keys: StoredKeys, in db: Database) throws {
        guard let bandKeys = keys.bands, let paragraphRows = keys.paragraphRows else {
            // Written before migration v3: no keys kept, so a scan (once per such report).
            try db.execute(sql: "DELETE FROM dedupe_band WHERE ref = ?", arguments: [ref])
            try db.execute(sql: "DELETE FROM dedupe_paragraph WHERE ref = ?", arguments: [ref])
            return
        }
        let band = try SteppedStatement("DELETE FROM dedupe_band WHERE key = ? AND ref = ?", in: db)
        for key in bandKeys {
            band.bind(1, key)
            band.bind(2, ref)
            try band.run()
        }
        let paragraph = try SteppedStatement("DELETE FROM dedupe_paragraph WHERE key = ? AND ref = ? AND start = ?", in: db)
        for row in paragraphRows {
            paragraph.bind(1, row.key)
            paragraph.bind(2, ref)
            paragraph.bind(3, row.start)
            try paragraph.run()
        }
    }
}

extension ReportFingerprint {
    /// The arrival that wrote it, as a duplicate reference names it, with the entry it is being archived in.
    var arrival: EarlierArrival { EarlierArrival(file: file, received: received, archive: archive) }
}

/// A cached statement stepped through the SQLite C interface: binds and reads without GRDB's value arrays.
///
/// Every use ends with `reset()` (or `run()`, which resets), so GRDB finds its cached statement as it left it.
struct SteppedStatement {
    private let handle: SQLiteStatement

    init(_ sql: String, in db: Database) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: String) { sqlite3_bind_text(handle, index, value, -1, Self.transient) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    /// Binds NULL for nil (`clear_bindings` after each use leaves it NULL too, but a reuse must not rely on that).
    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Double?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind<T>(_ index: Int32, _ values: [T]) {
        _ = values.withUnsafeBytes { bytes in
            // A zero-length blob still needs a non-null pointer to be a blob and not NULL.
            sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    /// Steps once: true when a row is ready.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            reset()
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: String(cString: sqlite3_sql(handle)))
        }
    }

    /// Steps a statement that returns no rows, then resets it.
    func run() throws {
        _ = try step()
        reset()
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        sqlite3_column_text(handle, column).map { String(cString: $0) }
    }

    func hashes(_ column: Int32) -> [UInt32] { values(column) ?? [] }

    func int64s(_ column: Int32) -> [Int64]? { values(column) }

    private func values<T: FixedWidthInteger>(_ column: Int32) -> [T]? {
        guard sqlite3_column_type(handle, column) == SQLITE_BLOB else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column)) / MemoryLayout<T>.size
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            memcpy(buffer.baseAddress!, pointer, count * MemoryLayout<T>.size)
            initialized = count
        }
    }

    func arrival(file: Int32, received: Int32, archive: Int32) -> EarlierArrival {
        EarlierArrival(file: text(file) ?? "", received: text(received) ?? "", archive: text(archive))
    }
}
