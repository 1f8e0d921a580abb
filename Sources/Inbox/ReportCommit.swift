import Foundation
import Logging
import ReportKit
import ReportStore
import ReportViews

/// Files and tells a group of chained reports with as few syncs as durability allows.
///
/// The order, for a group of any size:
/// 1. failed reports move to `failed/` beside their reason (each synced on its own: they are rare);
/// 2. one `syncfs` makes the files of every staged archive entry durable;
/// 3. each staged folder is renamed into place, and a second `syncfs` makes the renames durable; only now
///    is any receipt written (the second sync is skipped when nothing was renamed);
/// 4. the receipts are renamed into the outbox and the catalogue records the group in one transaction;
/// 5. a third `syncfs` makes the receipts and the catalogue durable, and only then do the spool copies go.
/// `outbox/index.html` is a view of the catalogue, rendered by ``refreshIndex(logger:)`` when the caller decides.
/// A crash anywhere leaves every report in the spool until its receipt and its catalogue rows are on disk; the next start
/// runs it again, and the archive entry, named by the report's id, is kept rather than filed twice.
public struct ReportCommit: Sendable {
    public let root: DataRoot
    public let catalogue: Catalogue

    public init(root: DataRoot, catalogue: Catalogue) {
        self.root = root
        self.catalogue = catalogue
    }

    /// Commits `group`; returns each report's final outcome, in order. A report the commit cannot
    /// make durable comes back as a transient failure and stays in the spool.
    public func commit(_ group: [ChainedReport]) -> [Outcome] {
        var outcomes = group.map(\.outcome)
        var committing = Array(group.indices)
        func hold(_ index: Int, _ error: any Error) {
            group[index].logger.warning("report outcome could not be written; it stays in the spool",
                                        metadata: ["error": "\(error)"])
            outcomes[index] = .failure(.transient(reason: "\(error)", processor: nil))
        }
        func holdAll(_ error: any Error) {
            for index in committing { hold(index, error) }
            committing = []
        }
        for index in group.indices {
            if case .failure(.transient(let reason, let processor)) = outcomes[index] {
                group[index].logger.debug("report held back by a machine fault; it stays in the spool",
                                          metadata: ["reason": "\(reason)", "processor": "\(processor ?? "-")"])
            }
        }
        committing.removeAll { outcomes[$0].isTransient }

        for index in committing {
            guard case .failure(let failure) = outcomes[index] else { continue }
            do {
                try shelveFailed(group[index].report, document: group[index].document, failure: failure)
            } catch {
                hold(index, error)
            }
        }
        committing.removeAll { outcomes[$0].isTransient }

        var archives: [Int: String] = [:]
        let staged = committing.filter { !group[$0].staging.all.isEmpty }
        if !staged.isEmpty {
            do {
                try DurableFile.syncFilesystem(containing: root.archive)
            } catch {
                for index in staged { discardStaged(group[index].staging) }
                holdAll(error)
            }
        }
        for index in committing {
            do {
                try publish(group[index].staging)
            } catch {
                discardStaged(group[index].staging)
                hold(index, error)
            }
        }
        committing.removeAll { outcomes[$0].isTransient }
        for index in committing {
            if let document = group[index].document {
                let entry = ArchiveLayout.entry(for: document, in: root)
                if FileManager.default.fileExists(atPath: entry.path) { archives[index] = root.relativePath(of: entry) }
            }
        }

        let now = Date()
        var receipts: [Int: Receipt] = [:]
        var documents: [Int: Document] = [:]
        for index in committing {
            let chained = group[index]
            var duplicateOf: String?
            if case .duplicate(let of) = outcomes[index] { duplicateOf = of }
            documents[index] = chained.document
            receipts[index] = Receipt(status: outcomes[index].status, file: chained.report.name, id: chained.document?.id,
                                      archive: archives[index], document: documents[index], duplicateOf: duplicateOf,
                                      reason: outcomes[index].failureDescription, at: now)
        }
        if committing.contains(where: { !group[$0].staging.all.isEmpty }) {
            do {
                try DurableFile.syncFilesystem(containing: root.outbox)
            } catch {
                holdAll(error)
            }
        }

        var told: [Int] = []
        for index in committing {
            do {
                try DurableFile.write(try StreamingJSONEncoder().encode(receipts[index]!),
                                      to: root.outbox.appending(component: ReceiptName.for(group[index].report.name)),
                                      sync: false)
                told.append(index)
            } catch {
                hold(index, error)
            }
        }
        do {
            try catalogue.record(batch: told.map { (receipts[$0]!, documents[$0]) })
            try DurableFile.syncFilesystem(containing: root.outbox)
        } catch {
            for index in told { hold(index, error) }
            told = []
        }
        for index in told {
            let chained = group[index]
            if case .failure = outcomes[index] {} else {
                do {
                    try Spool(root: root).release(chained.report)
                } catch {
                    chained.logger.warning("spool copy could not be removed; the next start files it again",
                                           metadata: ["error": "\(error)"])
                }
            }
            logDone(chained, receipt: receipts[index]!)
        }
        mergePendingKeys(group)
        return outcomes
    }

    /// Merges dedupe's pending keys once enough are pending, after the receipts, so that no receipt waits
    /// for it; a failure is logged and retried after the next group (the keys stay on their rows).
    private func mergePendingKeys(_ group: [ChainedReport]) {
        do {
            try catalogue.mergePendingFingerprintKeys()
        } catch {
            group.first?.logger.warning("dedupe keys could not be merged; they stay pending", metadata: ["error": "\(error)"])
        }
    }

    /// Renders `outbox/index.html` from the catalogue; a failure is logged, never a report's outcome.
    public func refreshIndex(logger: Logger) {
        OutboxIndex.refresh(root: root, catalogue: catalogue, logger: logger)
    }

    /// Renames each staged folder into place; one that finds its entry already filed is dropped.
    private func publish(_ staging: StagedEntries) throws {
        for entry in staging.all {
            do {
                try DurableFile.rename(entry.staged, to: entry.final)
            } catch let error as POSIXError where error.code == .ENOTEMPTY || error.code == .EEXIST {
                try? FileManager.default.removeItem(at: entry.staged)
            }
        }
    }

    private func discardStaged(_ staging: StagedEntries) {
        for entry in staging.all { try? FileManager.default.removeItem(at: entry.staged) }
    }

    private func logDone(_ chained: ChainedReport, receipt: Receipt) {
        var metadata: Logger.Metadata = [
            "outcome": "\(receipt.status)", "sections": "\(receipt.sections)",
            "metrics": "\(receipt.metrics)", "findings": "\(chained.document?.findings.count ?? 0)",
        ]
        if let archive = receipt.archive { metadata["archive"] = "\(archive)" }
        if let reason = receipt.reason { metadata["reason"] = "\(reason)" }
        if let duplicateOf = receipt.duplicateOf { metadata["duplicate.of"] = "\(duplicateOf)" }
        chained.logger.info("report done", metadata: metadata)
    }

    /// Moves the spool copy to `failed/` with a `<name>.reason.json` beside it.
    private func shelveFailed(_ report: SpooledReport, document: Document?, failure: Failure) throws {
        let reason = FailureReason(file: report.name, id: document?.id, reason: failure.reason,
                                   processor: failure.processor, at: Timestamp.string(from: Date()))
        try FailedShelf.shelve(report.url, name: report.name, reason: try JSONEncoder.reportd.encode(reason), in: root.failed)
    }
}

extension Outcome {
    var isTransient: Bool {
        if case .failure(.transient) = self { return true }
        return false
    }

    var failureDescription: String? {
        if case .failure(let failure) = self { return failure.description }
        return nil
    }
}
