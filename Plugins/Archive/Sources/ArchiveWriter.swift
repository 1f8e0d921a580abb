import Foundation
import ReportKit
import ReportViews

/// Files a document in `archive/<issuer>/<year>/<id>/`: the original, text.txt, document.json, report.md and report.html.
///
/// The entry is built in a hidden folder beside its final place, fsynced, then renamed, so a
/// reader never sees half an entry. An entry that already exists is left as it is: the id decides.
public struct ArchiveWriter: Processor {
    public static let name = "archive"
    public static let version = "1.0.0"

    /// Options of the archive step.
    public struct Configuration: ProcessorConfiguration {
        /// fsync every file and folder before the entry is visible. Off only for throwaway roots.
        public var fsync: Bool = true
        /// Write the human-readable report.md beside document.json.
        public var readable: Bool = true
        /// Write report.html, the self-contained page a reviewer reads in a browser.
        public var html: Bool = true

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fsync = try container.decodeIfPresent(Bool.self, forKey: .fsync) ?? fsync
            readable = try container.decodeIfPresent(Bool.self, forKey: .readable) ?? readable
            html = try container.decodeIfPresent(Bool.self, forKey: .html) ?? html
        }

        enum CodingKeys: String, CodingKey { case fsync, readable, html }
    }

    /// The archive entry (relative to the data root) of an earlier report, by id, when it is archived.
    public typealias EntryLookup = @Sendable (String) throws -> String?

    let configuration: Configuration
    let root: DataRoot
    let lookup: EntryLookup

    /// `lookup` finds the entry of the report a near duplicate repeats, so its page can link there.
    public init(configuration: Configuration, root: DataRoot, lookup: @escaping EntryLookup = { _ in nil }) {
        self.configuration = configuration
        self.root = root
        self.lookup = lookup
    }

    /// Starts the entry as soon as the document is read: its folder, the original and text.txt need
    /// nothing the other steps add, so a lone report has them written while the chain runs.
    public func begin(_ document: Document, context: ProcessingContext) -> HeadStart? {
        let entry = ArchiveLayout.entry(for: document, in: root)
        let sync = syncsItself(context)
        return HeadStart({ try self.startEntry(document, at: entry, sync: sync) }, undo: { $0.discard() })
    }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        let entry = ArchiveLayout.entry(for: document, in: root)
        var begun = try await context.headStart?.value(as: BegunEntry.self)
        if let started = begun, started.entry != entry || started.text != document.text {
            // A step changed where the entry goes (an exec step gave the issuer or year) or the text itself.
            started.discard()
            begun = nil
        }
        // Under a group commit the entry is staged unsynced and the commit syncs and publishes it;
        // alone, this step syncs each file and renames the folder itself. An entry filed by another
        // arrival since it was begun is found at the rename, which keeps the one already there.
        let staging = configuration.fsync ? context.staging : nil
        let sync = syncsItself(context)
        let started = try begun ?? startEntry(document, at: entry, sync: sync)
        guard let partial = started.partial, let files = started.files else {
            context.logger.debug("archive entry exists", metadata: ["archive.entry": "\(root.relativePath(of: entry))"])
            return .proceed
        }
        let manager = FileManager.default
        do {
            var filed = document
            filed.provenance.append(Provenance(
                processor: context.processorName ?? Self.name, version: Self.version,
                ms: (ContinuousClock.now - context.stepStarted).milliseconds))
            try await writeRenderedFiles(of: filed, into: files, entry: entry, sync: sync)
            if let staging {
                staging.publishWhenDurable(partial, at: entry)
                return .proceed
            }
            if sync { try DurableFile.syncFolder(partial) }
            try DurableFile.rename(partial, to: entry)
            if sync { try DurableFile.syncFolder(entry.deletingLastPathComponent()) }
        } catch {
            try? manager.removeItem(at: partial)
            if manager.fileExists(atPath: entry.path) { return .proceed }
            throw error
        }
        return .proceed
    }

    /// Whether this step fsyncs its own files: when fsync is on and no group commit follows.
    private func syncsItself(_ context: ProcessingContext) -> Bool {
        configuration.fsync && context.staging == nil
    }

    /// An entry folder made before the rest of the chain ran, holding the original and text.txt.
    struct BegunEntry: Sendable {
        /// The hidden folder beside the entry's place; nil when the entry was already filed.
        let partial: URL?
        let entry: URL
        /// The text written to text.txt, so that a step that changed it is noticed.
        let text: String
        /// The rendered files, created empty; nil when the entry was already filed.
        let files: CreatedFiles?

        func discard() {
            if let partial { try? FileManager.default.removeItem(at: partial) }
        }
    }

    /// Makes the hidden folder beside `entry`, writes the files that need only what intake read, and
    /// creates the rendered ones empty: on a filesystem that has freed many inodes lately, creating a
    /// file costs more than writing a small one, and here it is done beside the rest of the chain.
    func startEntry(_ document: Document, at entry: URL, sync: Bool) throws -> BegunEntry {
        if FileManager.default.fileExists(atPath: entry.path) { return BegunEntry(partial: nil, entry: entry, text: document.text, files: nil) }
        let parent = entry.deletingLastPathComponent()
        try DurableFile.createFolder(parent)
        let partial = parent.appendingPathComponent(
            ".\(entry.lastPathComponent)\(ArchiveLayout.partialMarker)\(UniqueToken.make())", isDirectory: true)
        if mkdir(partial.path, 0o777) != 0 { throw POSIXError.current }
        do {
            try DurableFile.writeFile(document.original, to: partial.appending(component: Self.originalName(for: document)), sync: sync)
            try DurableFile.writeFile(Data(document.text.utf8), to: partial.appending(component: "text.txt"), sync: sync)
            return BegunEntry(partial: partial, entry: entry, text: document.text,
                              files: try CreatedFiles(renderedFiles, in: partial))
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// The files rendered once the chain has run, as the configuration asks for them, the page (the longest) first.
    private var renderedFiles: [RenderedFile] {
        (configuration.html ? [.page] : []) + [.document] + (configuration.readable ? [.readable] : [])
    }

    /// Renders and writes the files that need the whole chain's work, side by side, the page (the longest) first.
    private func writeRenderedFiles(of filed: Document, into created: CreatedFiles, entry: URL, sync: Bool) async throws {
        let duplicateHref = configuration.html ? duplicateHref(for: filed, entry: entry) : nil
        try await withThrowingTaskGroup(of: Void.self) { files in
            for (file, descriptor) in created.files {
                files.addTask {
                    try DurableFile.write(try file.render(filed, duplicateHref: duplicateHref), to: descriptor, sync: sync)
                }
            }
            try await files.waitForAll()
        }
    }

    /// The relative link from `entry`'s page to the page of the report `document` duplicates, when that one is archived.
    func duplicateHref(for document: Document, entry: URL) -> String? {
        guard let duplicate = document.duplicate, let of = duplicate.of, of != document.id,
              let other = duplicate.original?.archive ?? (try? lookup(of)) else { return nil }
        return HTMLText.pageHref(from: root.relativePath(of: entry), to: other)
    }

    /// `original.<ext>` with the extension the report arrived with.
    static func originalName(for document: Document) -> String {
        let ext = (document.source.name as NSString).pathExtension
        let safe = ext.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) } && ext.utf8.count <= 16
        return safe && !ext.isEmpty ? "original.\(ext)" : "original"
    }
}

/// A file of the entry rendered once the whole chain has run.
enum RenderedFile: Sendable {
    case page, document, readable

    var name: String {
        switch self {
        case .page: ReportPage.fileName
        case .document: "document.json"
        case .readable: "report.md"
        }
    }

    func render(_ filed: Document, duplicateHref: String?) throws -> Data {
        switch self {
        case .page: ReportPage.data(filed, duplicateHref: duplicateHref)
        case .document: try filed.jsonData()
        case .readable: Data(ReadableReport.render(filed).utf8)
        }
    }
}

/// Files created empty ahead of their contents, each with its descriptor; closed when the last holder lets go.
final class CreatedFiles: Sendable {
    let files: [(file: RenderedFile, descriptor: Int32)]

    /// Creates each of `files` in `folder`; when one cannot be created, none is left open.
    init(_ files: [RenderedFile], in folder: URL) throws {
        var opened: [(file: RenderedFile, descriptor: Int32)] = []
        do {
            for file in files { opened.append((file, try DurableFile.createFile(folder.appending(component: file.name)))) }
        } catch {
            for entry in opened { close(entry.descriptor) }
            throw error
        }
        self.files = opened
    }

    deinit {
        for entry in files { close(entry.descriptor) }
    }
}
