import Foundation
import Logging
import ReportIntake
import ReportKit
import ReportStore
import ReportViews
#if canImport(Glibc)
import Glibc
#endif

/// The flow of one claimed report: read, run the chain, file, tell, release.
public struct ReportFlow: Sendable {
    public let root: DataRoot
    public let reader: ReportReader
    public let pipeline: Pipeline
    public let catalogue: Catalogue
    public let logger: Logger

    public init(root: DataRoot, reader: ReportReader, pipeline: Pipeline, catalogue: Catalogue, logger: Logger) {
        self.root = root
        self.reader = reader
        self.pipeline = pipeline
        self.catalogue = catalogue
        self.logger = logger
    }

    /// Takes `report` from the spool to its outcome. A transient failure leaves it in the spool.
    public func handle(_ report: SpooledReport) async -> Outcome {
        var logger = logger
        logger[metadataKey: "report.file"] = "\(report.name)"
        let received = report.received
        if let problem = SpoolEntryCheck.problem(with: report.url, maxBytes: reader.options.maxBytes) {
            return finish(report, document: nil, outcome: .failure(.report(reason: problem, processor: "claim")), logger: logger)
        }
        // SpoolEntryCheck has already checked type and size without opening the file: read it once, here.
        let data: Data
        do {
            data = try Data(contentsOf: report.url)
        } catch {
            let reason = IntakeError.unreadable(error.localizedDescription).description
            return finish(report, document: nil, outcome: .failure(.report(reason: reason, processor: "intake")), logger: logger)
        }
        let document: Document
        do {
            document = try reader.read(data, name: report.name, received: received)
        } catch IntakeError.unsupportedFormat(let format) {
            guard let converter = pipeline.converter(for: report.name) else {
                let reason = IntakeError.unsupportedFormat(format).description
                return finish(report, document: nil, outcome: .failure(.report(reason: reason, processor: "intake")), logger: logger)
            }
            do {
                let text = try await converter.convert(data, name: report.name, logger: logger)
                document = try reader.read(convertedText: text, original: data, name: report.name,
                                           converter: converter.converterName, received: received)
            } catch {
                return finish(report, document: nil,
                              outcome: .failure(.report(reason: "\(error)", processor: converter.converterName)), logger: logger)
            }
        } catch {
            return finish(report, document: nil, outcome: .failure(.report(reason: error.description, processor: "intake")),
                          logger: logger)
        }
        logger[metadataKey: "report.id"] = "\(document.id)"
        let result = await pipeline.run(document, logger: logger)
        return finish(report, document: result.document, outcome: result.outcome, logger: logger)
    }

    private func finish(_ report: SpooledReport, document: Document?, outcome: Outcome, logger: Logger) -> Outcome {
        if case .failure(.transient(let reason, let processor)) = outcome {
            logger.debug("report held back by a machine fault; it stays in the spool",
                           metadata: ["reason": "\(reason)", "processor": "\(processor ?? "-")"])
            return outcome
        }
        do {
            var archive: String?
            if let document {
                let entry = ArchiveLayout.entry(for: document, in: root)
                if FileManager.default.fileExists(atPath: entry.path) { archive = root.relativePath(of: entry) }
            }
            var duplicateOf: String?
            var reason: String?
            switch outcome {
            case .processed: break
            case .duplicate(let of): duplicateOf = of
            case .failure(let failure):
                reason = failure.description
                try shelveFailed(report, document: document, failure: failure)
            }
            let receipt = Receipt(status: outcome.status, file: report.name, id: document?.id, archive: archive,
                                  document: document, duplicateOf: duplicateOf, reason: reason, at: Date())
            try catalogue.record(receipt: receipt, document: document)
            try DurableFile.write(try JSONEncoder.reportd.encode(receipt),
                                  to: root.outbox.appendingPathComponent(ReceiptName.for(report.name)))
            OutboxIndex.refresh(root: root, catalogue: catalogue, logger: logger)
            try Spool(root: root).release(report)
            var metadata: Logger.Metadata = [
                "outcome": "\(receipt.status)", "sections": "\(receipt.sections)",
                "metrics": "\(receipt.metrics)", "findings": "\(document?.findings.count ?? 0)",
            ]
            if let archive { metadata["archive"] = "\(archive)" }
            if let reason { metadata["reason"] = "\(reason)" }
            if let duplicateOf { metadata["duplicate.of"] = "\(duplicateOf)" }
            logger.info("report done", metadata: metadata)
            return outcome
        } catch {
            logger.warning("report outcome could not be written; it stays in the spool",
                           metadata: ["error": "\(error)"])
            return .failure(.transient(reason: "\(error)", processor: nil))
        }
    }

    /// Moves the spool copy to `failed/` with a `<name>.reason.json` beside it.
    private func shelveFailed(_ report: SpooledReport, document: Document?, failure: Failure) throws {
        let reason = FailureReason(file: report.name, id: document?.id, reason: failure.reason,
                                   processor: failure.processor, at: Timestamp.string(from: Date()))
        try FailedShelf.shelve(report.url, name: report.name, reason: try JSONEncoder.reportd.encode(reason), in: root.failed)
    }
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
        try DurableFile.write(reason, to: folder.appendingPathComponent("\(shelved).reason.json"))
        try DurableFile.rename(file, to: folder.appendingPathComponent(shelved))
        try DurableFile.syncFolder(folder)
    }

    static func freeName(for name: String, in folder: URL) -> String {
        func exists(_ name: String) -> Bool {
            var status = stat()
            return lstat(folder.appendingPathComponent(name).path, &status) == 0
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
