import Foundation
import GRDB
import ReportKit

/// The metrics and findings of each report, kept beside its row so exports and the outbox index read only the catalogue.
extension Catalogue {
    static func registerDetailsMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: metrics and findings of each report") { db in
            try db.create(table: "report_metric") { table in
                table.column("reportId", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("value", .double).notNull()
                table.column("unit", .text)
                table.column("qualifier", .text)
                table.column("approx", .boolean).notNull()
                table.column("normalized", .double)
                table.column("kind", .text).notNull()
                table.column("counted", .text)
                table.column("section", .text).notNull()
                table.column("spanStart", .integer).notNull()
                table.column("spanEnd", .integer).notNull()
                table.column("text", .text).notNull()
                table.primaryKey(["reportId", "seq"])
            }
            try db.create(table: "report_finding") { table in
                table.column("reportId", .text).notNull()
                table.column("seq", .integer).notNull()
                table.column("rule", .text).notNull()
                table.column("severity", .text).notNull()
                table.column("message", .text).notNull()
                table.column("spanStart", .integer).notNull()
                table.column("spanEnd", .integer).notNull()
                table.column("excerpt", .text).notNull()
                table.primaryKey(["reportId", "seq"])
            }
            // The outbox index reads the latest reports by index and its totals from counts that triggers
            // keep, so its cost does not grow with the catalogue.
            try db.create(index: "report_on_lastSeen", on: "report", columns: ["lastSeen"])
            try db.execute(sql: Self.countingSQL)
        }
        // A trigger per metric and finding row ran an UPDATE for each of the ~50 rows of a report;
        // `insertDetails`, the only code that writes those rows, now moves the counts once per report.
        migrator.registerMigration("v5: metric and finding counts kept by the writer") { db in
            for trigger in ["metric_counted", "metric_uncounted", "finding_counted", "finding_uncounted"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
        }
    }

    /// `catalogue_count` holds `outcome:<status>`, `report:<status>`, `metrics` and `findings`, filled from the
    /// rows there are and kept by triggers on every insert, delete and status change, whichever code writes.
    static let countingSQL = """
        CREATE TABLE catalogue_count (name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO catalogue_count SELECT 'outcome:' || status, COUNT(*) FROM outcome GROUP BY status;
        INSERT INTO catalogue_count SELECT 'report:' || status, COUNT(*) FROM report GROUP BY status;
        INSERT INTO catalogue_count VALUES ('metrics', 0), ('findings', 0);
        CREATE TRIGGER outcome_counted AFTER INSERT ON outcome BEGIN
            INSERT INTO catalogue_count VALUES ('outcome:' || NEW.status, 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER outcome_uncounted AFTER DELETE ON outcome BEGIN
            UPDATE catalogue_count SET n = n - 1 WHERE name = 'outcome:' || OLD.status;
        END;
        CREATE TRIGGER report_counted AFTER INSERT ON report BEGIN
            INSERT INTO catalogue_count VALUES ('report:' || NEW.status, 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER report_uncounted AFTER DELETE ON report BEGIN
            UPDATE catalogue_count SET n = n - 1 WHERE name = 'report:' || OLD.status;
        END;
        CREATE TRIGGER report_recounted AFTER UPDATE OF status ON report WHEN OLD.status IS NOT NEW.status BEGIN
            UPDATE catalogue_count SET n = n - 1 WHERE name = 'report:' || OLD.status;
            INSERT INTO catalogue_count VALUES ('report:' || NEW.status, 1) ON CONFLICT(name) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER metric_counted AFTER INSERT ON report_metric BEGIN
            UPDATE catalogue_count SET n = n + 1 WHERE name = 'metrics';
        END;
        CREATE TRIGGER metric_uncounted AFTER DELETE ON report_metric BEGIN
            UPDATE catalogue_count SET n = n - 1 WHERE name = 'metrics';
        END;
        CREATE TRIGGER finding_counted AFTER INSERT ON report_finding BEGIN
            UPDATE catalogue_count SET n = n + 1 WHERE name = 'findings';
        END;
        CREATE TRIGGER finding_uncounted AFTER DELETE ON report_finding BEGIN
            UPDATE catalogue_count SET n = n - 1 WHERE name = 'findings';
        END;
        """

    /// The section path of a metric as one column: titles from the top down, joined by ` / `.
    public static let sectionSeparator = " / "

    /// Replaces the metric and finding rows of `document` with its current ones; call inside the transaction that saves its row.
    /// `replacing` false says the report has no row yet, so it has no details to delete either
    /// (they are written in the row's transaction): two statements saved on every new report.
    static func insertDetails(of document: Document, replacing: Bool = true, in db: Database) throws {
        let metricsDeleted = replacing ? try deleteDetails("report_metric", of: document.id, in: db) : 0
        let findingsDeleted = replacing ? try deleteDetails("report_finding", of: document.id, in: db) : 0
        let metric = try SteppedStatement("""
            INSERT INTO report_metric (reportId, seq, value, unit, qualifier, approx, normalized, kind, counted, section,
                                       spanStart, spanEnd, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, in: db)
        for (seq, item) in document.metrics.enumerated() {
            metric.bind(1, document.id)
            metric.bind(2, Int64(seq))
            metric.bind(3, item.value)
            metric.bind(4, item.unit)
            metric.bind(5, item.qualifier)
            metric.bind(6, Int64(item.approx ? 1 : 0))
            metric.bind(7, item.normalized)
            metric.bind(8, item.kind.rawValue)
            metric.bind(9, item.counted)
            metric.bind(10, item.section.joined(separator: sectionSeparator))
            metric.bind(11, Int64(item.span.start))
            metric.bind(12, Int64(item.span.end))
            metric.bind(13, item.text)
            try metric.run()
        }
        let finding = try SteppedStatement("""
            INSERT INTO report_finding (reportId, seq, rule, severity, message, spanStart, spanEnd, excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, in: db)
        for (seq, item) in document.findings.enumerated() {
            finding.bind(1, document.id)
            finding.bind(2, Int64(seq))
            finding.bind(3, item.rule)
            finding.bind(4, item.severity.rawValue)
            finding.bind(5, item.message)
            finding.bind(6, Int64(item.span.start))
            finding.bind(7, Int64(item.span.end))
            finding.bind(8, item.excerpt)
            try finding.run()
        }
        try count("metrics", by: document.metrics.count - metricsDeleted, in: db)
        try count("findings", by: document.findings.count - findingsDeleted, in: db)
    }

    /// Deletes the rows of `table` that belong to report `id`; returns how many there were.
    private static func deleteDetails(_ table: String, of id: String, in db: Database) throws -> Int {
        let delete = try SteppedStatement("DELETE FROM \(table) WHERE reportId = ?", in: db)
        delete.bind(1, id)
        try delete.run()
        return db.changesCount
    }

    /// Moves the kept count `name` by `change`: once per report, where a trigger would run once per row.
    private static func count(_ name: String, by change: Int, in db: Database) throws {
        guard change != 0 else { return }
        let update = try SteppedStatement("UPDATE catalogue_count SET n = n + ? WHERE name = ?", in: db)
        update.bind(1, Int64(change))
        update.bind(2, name)
        try update.run()
    }
}

/// One value of an exported row, typed so that each format writes it its own way.
public enum CellValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case text(String)
}

/// What `reportd export` can write, each a fixed list of columns read straight from the catalogue.
public enum CatalogueExport: String, Sendable, CaseIterable {
    case metrics, findings, reports

    /// Column names, in the order every row gives its values.
    public var columns: [String] {
        switch self {
        case .metrics:
            ["report_id", "file", "issuer", "year", "section", "counted", "value", "unit", "kind", "qualifier", "approx",
             "normalized", "text", "span_start", "span_end"]
        case .findings:
            ["report_id", "file", "issuer", "year", "rule", "severity", "message", "excerpt", "span_start", "span_end"]
        case .reports:
            ["id", "file", "issuer", "year", "date", "title", "status", "archive", "duplicate_of", "sections", "metrics",
             "errors", "warnings", "infos", "first_seen", "last_seen"]
        }
    }

    fileprivate var sql: String {
        switch self {
        case .metrics:
            """
            SELECT m.reportId, r.file, r.issuer, r.year, m.section, m.counted, m.value, m.unit, m.kind, m.qualifier, m.approx,
                   m.normalized, m.text, m.spanStart, m.spanEnd
            FROM report_metric m JOIN report r ON r.id = m.reportId
            """
        case .findings:
            """
            SELECT f.reportId, r.file, r.issuer, r.year, f.rule, f.severity, f.message, f.excerpt, f.spanStart, f.spanEnd
            FROM report_finding f JOIN report r ON r.id = f.reportId
            """
        case .reports:
            """
            SELECT r.id, r.file, r.issuer, r.year, r.date, r.title, r.status, r.archive, r.duplicateOf, r.sections, r.metrics,
                   r.errors, r.warnings, r.infos, r.firstSeen, r.lastSeen
            FROM report r
            """
        }
    }

    fileprivate var order: String {
        switch self {
        case .metrics, .findings: "ORDER BY r.firstSeen, r.id, seq"
        case .reports: "ORDER BY r.firstSeen, r.id"
        }
    }

    /// Columns that hold a boolean, which SQLite keeps as an integer.
    fileprivate var booleanColumns: Set<String> { self == .metrics ? ["approx"] : [] }
}

/// Which reports an export covers; nil matches every report.
public struct ExportFilter: Sendable, Equatable {
    public var issuer: String?
    public var year: Int?

    public init(issuer: String? = nil, year: Int? = nil) {
        self.issuer = issuer
        self.year = year
    }
}

/// One arrival as the outbox index lists it: its outcome, and the row of the report it brought.
public struct IndexedReport: Sendable, Equatable {
    public var id: String
    /// The name the file arrived under.
    public var file: String
    public var title: String?
    public var issuer: String?
    public var year: Int?
    /// The arrival's outcome: processed or duplicate.
    public var status: String
    public var archive: String?
    /// The earlier report this one repeats in another form (same text), by id.
    public var duplicateOf: String?
    /// The file name of the earlier arrival a duplicate repeats.
    public var repeatsFile: String?
    /// Whether it repeats the same bytes (then `archive` is the first arrival's entry, and `duplicateOf` nil).
    public var sameBytes: Bool
    /// The archive entry of the report this one duplicates, when it has one.
    public var duplicateArchive: String?
    public var metrics: Int
    public var findings: Int
    /// When the outcome was recorded.
    public var at: String
}

/// Counts over the whole catalogue.
public struct CatalogueTotals: Sendable, Equatable {
    /// Outcomes recorded, by status (every arrival counts).
    public var outcomes: [String: Int]
    /// Distinct reports, by the status of their row.
    public var reports: [String: Int]
    public var metrics: Int
    public var findings: Int
}

extension Catalogue {
    /// Calls `row` for every row of `export` matching `filter`, streamed from one read transaction, in first-seen order.
    public func export(_ export: CatalogueExport, filter: ExportFilter, row: ([CellValue]) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let issuer = filter.issuer {
            conditions.append("r.issuer = ?")
            _ = arguments.append(contentsOf: [issuer])
        }
        if let year = filter.year {
            conditions.append("r.year = ?")
            _ = arguments.append(contentsOf: [year])
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(export.sql) \(condition) \(export.order)"
        let booleans = export.columns.enumerated().filter { export.booleanColumns.contains($0.element) }.map(\.offset)
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let fetched = try cursor.next() {
                var cells: [CellValue] = []
                cells.reserveCapacity(fetched.count)
                for index in 0..<fetched.count {
                    cells.append(Self.cell(fetched[index] as DatabaseValue, bool: booleans.contains(index)))
                }
                try row(cells)
            }
        }
    }

    private static func cell(_ value: DatabaseValue, bool: Bool) -> CellValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): bool ? .bool(number != 0) : .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }

    /// The `limit` latest arrivals that were read (processed or duplicate), newest first, each with its report's row.
    ///
    /// Arrivals, not reports: the same bytes dropped twice are one report row but two lines here, the
    /// second naming the first. The walk is down the outcome table's key, so it reads about `limit` rows.
    public func latestReports(limit: Int) throws -> [IndexedReport] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.reportId AS id, o.file, o.status, o.at, r.file AS reportFile, r.status AS reportStatus,
                       r.title, r.issuer, r.year, r.archive, r.duplicateOf, d.archive AS duplicateArchive, d.file AS duplicateFile,
                       r.metrics, r.errors + r.warnings + r.infos AS findings
                FROM outcome o JOIN report r ON r.id = o.reportId LEFT JOIN report d ON d.id = r.duplicateOf
                WHERE o.status IN ('processed', 'duplicate')
                ORDER BY o.seq DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let status: String = row["status"]
                let reportStatus: String = row["reportStatus"]
                // A duplicate outcome on a processed row is the same bytes again: the row is the first arrival's.
                let sameBytes = status == "duplicate" && reportStatus == "processed"
                return IndexedReport(
                    id: row["id"], file: row["file"], title: row["title"], issuer: row["issuer"], year: row["year"],
                    status: status, archive: row["archive"], duplicateOf: sameBytes ? nil : row["duplicateOf"],
                    repeatsFile: sameBytes ? row["reportFile"] : row["duplicateFile"], sameBytes: sameBytes,
                    duplicateArchive: sameBytes ? row["archive"] : row["duplicateArchive"],
                    metrics: row["metrics"], findings: row["findings"], at: row["at"])
            }
        }
    }

    /// Outcomes by status, reports by status, and the metric and finding rows, read from the counts the triggers keep.
    public func totals() throws -> CatalogueTotals {
        try pool.read { db in
            var totals = CatalogueTotals(outcomes: [:], reports: [:], metrics: 0, findings: 0)
            for row in try Row.fetchAll(db, sql: "SELECT name, n FROM catalogue_count") {
                let name: String = row[0]
                let count: Int = row[1]
                if name.hasPrefix("outcome:") {
                    totals.outcomes[String(name.dropFirst("outcome:".count))] = count
                } else if name.hasPrefix("report:") {
                    totals.reports[String(name.dropFirst("report:".count))] = count
                } else if name == "metrics" {
                    totals.metrics = count
                } else if name == "findings" {
                    totals.findings = count
                }
            }
            return totals
        }
    }

    /// The same totals counted row by row, to check the kept counts against.
    public func countedTotals() throws -> CatalogueTotals {
        try pool.read { db in
            func grouped(_ sql: String) throws -> [String: Int] {
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) })
            }
            return CatalogueTotals(
                outcomes: try grouped("SELECT status, COUNT(*) FROM outcome GROUP BY status"),
                reports: try grouped("SELECT status, COUNT(*) FROM report GROUP BY status"),
                metrics: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report_metric") ?? 0,
                findings: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report_finding") ?? 0)
        }
    }

    /// The archive entry of report `id`, relative to the data root, when it has one.
    public func archivePath(of id: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT archive FROM report WHERE id = ?", arguments: [id]) }
    }
}
