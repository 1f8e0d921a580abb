import Foundation
import Logging
import ReportIntake
import ReportKit
import ReportStore
import ReportViews
#if canImport(Glibc)
import Glibc
#endif

/// The flow of one claimed report: read, run the chain, then hand it to the commit that files, tells and releases it.
public struct ReportFlow: Sendable {
    public let root: DataRoot
    public let reader: ReportReader
    public let pipeline: Pipeline
    public let catalogue: Catalogue
    public let logger: Logger
    /// Tickets in the order reports are taken; a config reload hands the same order to the new flow.
    public let arrivals: ArrivalOrder

    public init(root: DataRoot, reader: ReportReader, pipeline: Pipeline, catalogue: Catalogue, logger: Logger,
                arrivals: ArrivalOrder = ArrivalOrder()) {
        self.root = root
        self.reader = reader
        self.pipeline = pipeline
        self.catalogue = catalogue
        self.logger = logger
        self.arrivals = arrivals
    }

    /// Takes `report` from the spool to its outcome, committing it alone. A transient failure leaves it in the spool.
    public func handle(_ report: SpooledReport) async -> Outcome {
        let chained = await prepare(report)
        let commit = ReportCommit(root: root, catalogue: catalogue)
        let outcome = commit.commit([chained])[0]
        commit.refreshIndex(logger: chained.logger)
        return outcome
    }

    /// Reads `report` and runs the chain; what it leaves on disk is staged for the commit.
    /// `turn` is the report's place in arrival order, best taken when the report was taken.
    public func prepare(_ report: SpooledReport, turn: ArrivalTurn? = nil) async -> ChainedReport {
        let started = ContinuousClock.now
        let turn = turn ?? arrivals.ticket()
        defer { turn.pass() }
        var logger = logger
        logger[metadataKey: "report.file"] = "\(report.name)"
        let staging = StagedEntries()
        func chained(_ document: Document?, _ outcome: Outcome) -> ChainedReport {
            ChainedReport(report: report, document: document, outcome: outcome, staging: staging, logger: logger, started: started)
        }
        func failed(_ reason: String, by processor: String) -> ChainedReport {
            chained(nil, .failure(.report(reason: reason, processor: processor)))
        }
        let received = report.received
        if let problem = SpoolEntryCheck.problem(with: report.url, maxBytes: reader.options.maxBytes) {
            return failed(problem, by: "claim")
        }
        // SpoolEntryCheck has already checked type and size without opening the file: read it once, here.
        let data: Data
        do {
            data = try Data(contentsOf: report.url)
        } catch {
            return failed(IntakeError.unreadable(error.localizedDescription).description, by: "intake")
        }
        let document: Document
        do {
            document = try reader.read(data, name: report.name, received: received)
        } catch IntakeError.unsupportedFormat(let format) {
            guard let converter = pipeline.converter(for: report.name) else {
                return failed(IntakeError.unsupportedFormat(format).description, by: "intake")
            }
            // A converter may take its whole time limit: later reports do not wait for it.
            turn.pass()
            do {
                let text = try await converter.convert(data, name: report.name, logger: logger)
                document = try reader.read(convertedText: text, original: data, name: report.name,
                                           converter: converter.converterName, received: received)
            } catch {
                return failed("\(error)", by: converter.converterName)
            }
        } catch {
            return failed(error.description, by: "intake")
        }
        logger[metadataKey: "report.id"] = "\(document.id)"
        let result = await pipeline.run(document, logger: logger, staging: staging, arrival: turn)
        return ChainedReport(report: report, document: result.document, outcome: result.outcome, staging: staging,
                             logger: logger, started: started)
    }
}

/// A report whose chain has run, with the archive entries it staged, waiting to be committed.
public struct ChainedReport: Sendable {
    public let report: SpooledReport
    public let document: Document?
    public let outcome: Outcome
    public let staging: StagedEntries
    public let logger: Logger
    /// When the flow took the report from the spool.
    public let started: ContinuousClock.Instant
}

/// The reason file written beside a failed report.
public struct FailureReason: Codable, Sendable, Equatable {
    public var file: String
    public var id: String?
    public var reason: String
    public var processor: String?
    public var at: String
}

/// `failed/`: each failed file beside its reason, never overwriting an earlier failure of the same name.
enum FailedShelf {
    /// Workers of one process take turns, so two failures of one name cannot pick the same free name.
    private static let turn = NSLock()

    static func shelve(_ file: URL, name: String, reason: Data, in folder: URL) throws {
        turn.lock()
        defer { turn.unlock() }
        let shelved = freeName(for: name, in: folder)
        try DurableFile.write(reason, to: folder.appending(component: "\(shelved).reason.json"))
        try DurableFile.rename(file, to: folder.appending(component: shelved))
        try DurableFile.syncFolder(folder)
    }

    static func freeName(for name: String, in folder: URL) -> String {
        func exists(_ name: String) -> Bool {
            var status = stat()
            return lstat(folder.appending(component: name).path, &status) == 0
        }
        func taken(_ candidate: String) -> Bool { exists(candidate) || exists("\(candidate).reason.json") }
        var candidate = ArchiveLayout.component(name)
        var counter = 2
        let base = candidate
        while taken(candidate) {
            candidate = "\(base).\(counter)"
            counter += 1
        }
        return candidate
    }
}

/// The outbox file name of a report's receipt.
public enum ReceiptName {
    public static func `for`(_ name: String) -> String {
        ArchiveLayout.component(name) + ".json"
    }
}

/// What makes a spool entry unfit to be read, checked without following links or opening it.
enum SpoolEntryCheck {
    static func problem(with url: URL, maxBytes: Int) -> String? {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return "the file cannot be examined: \(POSIXError.current.localizedDescription)" }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return "a symbolic link: links are never followed"
        case S_IFDIR: return "a folder, not a report file"
        case S_IFIFO: return "a named pipe (FIFO), not a report file"
        case S_IFSOCK: return "a socket, not a report file"
        case S_IFCHR, S_IFBLK: return "a device, not a report file"
        default: return "not a regular file"
        }
        if status.st_nlink > 1 {
            return "a hard link (\(status.st_nlink) names for one file): it may be another file's contents, so it is not read"
        }
        if Int(status.st_size) > maxBytes {
            return IntakeError.tooLarge(bytes: Int(status.st_size), limit: maxBytes).description
        }
        return nil
    }
}
