import Foundation
import ReportKit
import ReportStore

/// Records `id` as processed in `catalogue`, as the report flow does once its outcome is committed.
func markProcessed(_ id: String, in catalogue: Catalogue, issuer: String? = "某区司法局") throws {
    let document = Document(id: id, source: Source(name: "\(id).txt", bytes: 1, format: "txt", encoding: "utf-8",
                                                   received: "2026-01-01T00:00:00Z"),
                            meta: Metadata(issuer: issuer), text: "x", original: Data())
    try catalogue.record(receipt: Receipt(status: "processed", file: "\(id).txt", id: id, archive: "archive/\(id)",
                                          document: document, duplicateOf: nil, reason: nil, at: Date()),
                         document: document)
}
