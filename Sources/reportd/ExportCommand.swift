import ArgumentParser
import Foundation
import ReportKit
import ReportStore
import ReportViews
#if canImport(Glibc)
import Glibc
#endif

extension CatalogueExport: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `reportd export metrics|findings|reports`: rows straight from the catalogue, as CSV or JSON lines.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the catalogue's metrics, findings or reports as CSV or JSON lines.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "What to export: metrics, findings or reports.")
    var what: CatalogueExport

    @Option(help: "csv (UTF-8 with BOM, RFC 4180, CRLF) or jsonl.")
    var format: ExportFormat = .csv

    @Option(help: "Only reports of this issuer (exact name).")
    var issuer: String?

    @Option(help: "Only reports covering this year.")
    var year: Int?

    @Option(help: "Write to this file (replaced atomically when complete) instead of standard output.")
    var output: String?

    func run() async throws {
        let logger = Reportd.makeLogger(level: "warning")
        let root = try options.load(logger: logger).settings.dataRoot
        guard FileManager.default.fileExists(atPath: root.catalogue.path) else {
            FileHandle.standardError.write(Data("reportd: no catalogue at \(root.catalogue.path)\n".utf8))
            throw ExitCode(1)
        }
        let catalogue = try Catalogue(url: root.catalogue)
        let encoder = ExportEncoder(format: format, columns: what.columns)
        let sink = try output.map { try ExportSink(file: URL(fileURLWithPath: $0)) } ?? ExportSink(descriptor: STDOUT_FILENO)
        do {
            try sink.write(encoder.preamble)
            try catalogue.export(what, filter: ExportFilter(issuer: issuer, year: year)) { cells in
                try sink.write(encoder.line(cells))
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}

/// Buffered output to standard output, or to a temporary file that replaces `--output` only once complete.
final class ExportSink {
    private let handle: FileHandle
    private let file: URL?
    private let temporary: URL?
    private var buffer = Data()
    private var closed = false

    init(descriptor: Int32) {
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        file = nil
        temporary = nil
    }

    init(file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UniqueToken.make()).tmp")
        try DurableFile.writeFile(Data(), to: temporary, sync: false)
        handle = try FileHandle(forWritingTo: temporary)
        self.file = file
        self.temporary = temporary
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes, and for a file: fsync, close, rename over the destination.
    func finish() throws {
        try flush()
        guard let file, let temporary else { return }
        try handle.synchronize()
        try handle.close()
        closed = true
        try DurableFile.rename(temporary, to: file)
        try DurableFile.syncFolder(file.deletingLastPathComponent())
    }

    /// Removes a half-written temporary file.
    func abandon() {
        guard let temporary else { return }
        if !closed { try? handle.close() }
        unlink(temporary.path)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
