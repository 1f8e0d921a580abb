import Foundation
import ReportKit
import ReportStore
import ReportViews

// Prints what the views cost as the catalogue grows: the outbox index refresh (which must stay flat),
// a metrics export (which grows with the rows), and one report page. Asserts nothing.
// swift run -c release views-bench [reports per step…]

let steps = CommandLine.arguments.dropFirst().compactMap(Int.init)
let sizes = steps.isEmpty ? [1_000, 10_000, 100_000] : steps
let root = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("views-bench-\(UUID().uuidString)"))
try root.create()
defer { try? FileManager.default.removeItem(at: root.url) }
let catalogue = try Catalogue(url: root.catalogue)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let (whole, fraction) = (ContinuousClock.now - start).components
    return Double(whole) + Double(fraction) / 1e18
}

func report(_ number: Int) -> (receipt: Receipt, document: Document) {
    let text = String(repeating: "全年办理行政复议案件126件，纠错率达12.5%。", count: 4)
    var document = Document(id: "sha256:\(String(number, radix: 16))", source: Source(
        name: "report-\(number).txt", bytes: 400, format: "txt", encoding: "utf-8", received: "2026-01-01T00:00:00Z"),
        meta: Metadata(issuer: "第\(number % 500)局", year: 2020 + number % 5, date: nil, title: "报告\(number)"),
        text: text, original: Data())
    document.metrics = (0..<5).map { Metric(value: 126, unit: "件", kind: .count, counted: "行政复议案件", span: Span($0 * 10, $0 * 10 + 4), text: "126件") }
    document.findings = (0..<3).map { Finding(rule: "text.rule\($0)", severity: .warning, message: "意见", span: Span($0, $0 + 2), excerpt: "全年") }
    let receipt = Receipt(status: number % 20 == 0 ? "duplicate" : "processed", file: document.source.name, id: document.id,
                          archive: "archive/\(document.meta.issuer!)/\(document.meta.year!)/\(number)", document: document,
                          duplicateOf: nil, reason: nil, at: Date(timeIntervalSince1970: Double(number)))
    return (receipt, document)
}

print("reports   fill s   index ms (median of 15)   export metrics rows/s")
var filled = 0
for size in sizes.sorted() {
    let fill = try seconds {
        while filled < size {
            let batch = min(10_000, size - filled)
            try catalogue.recordAll((filled..<(filled + batch)).map(report))
            filled += batch
        }
    }
    var times: [Double] = []
    for _ in 0..<15 { times.append(try seconds { try OutboxIndex.refresh(root: root, catalogue: catalogue) }) }
    var rows = 0
    let encoder = ExportEncoder(format: .csv, columns: CatalogueExport.metrics.columns)
    var bytes = 0
    let export = try seconds {
        try catalogue.export(.metrics, filter: ExportFilter()) { cells in
            rows += 1
            bytes += encoder.line(cells).utf8.count
        }
    }
    print(String(format: "%7d   %6.1f   %8.2f                  %9.0f", size, fill, times.sorted()[times.count / 2] * 1000,
                 Double(rows) / export))
}

for length in [2_000, 100_000] {
    let text = String(repeating: "全年办理行政复议案件126件，纠错率达12.5%。\n", count: length / 26)
    var document = Document(id: "sha256:page", source: Source(name: "p.txt", bytes: 0, format: "txt", encoding: "utf-8", received: ""),
                            text: text, original: Data())
    let count = text.unicodeScalars.count
    document.metrics = stride(from: 10, to: count - 4, by: 26).map { Metric(value: 126, unit: "件", kind: .count, span: Span($0, $0 + 4), text: "126件") }
    document.findings = stride(from: 0, to: count - 30, by: 260).map {
        Finding(rule: "r", severity: .warning, message: "意见", span: Span($0, $0 + 30), excerpt: "")
    }
    var html = ""
    let time = seconds { html = ReportPage.render(document) }
    print(String(format: "page: %6d characters, %4d metrics, %3d findings: %7.1f ms, %5.0f KB",
                 count, document.metrics.count, document.findings.count, time * 1000, Double(html.utf8.count) / 1024))
}
