import Foundation
import Logging
import ReportKit

/// An external program as a step of the chain: the document goes to it as JSON, its additions come back.
/// It can also turn formats the intake does not read into text (`formats`).
public struct ExecProcessor: Processor, FormatConverter {
    public static let name = "exec"
    public static let version = "1.0.0"

    /// Options of one `[processors.<name>]` table with `type = "exec"`.
    public struct Configuration: ProcessorConfiguration {
        /// The program and its arguments; run directly, never through a shell.
        public var command: [String]
        /// The plugin's whole environment besides PATH and LANG: nothing of the daemon's is passed on.
        public var environment: [String: String] = [:]
        /// Where the plugin runs; the config's folder when not given.
        public var workingDirectory: String?
        public var timeoutSeconds: Double = 30
        /// `fail`: a failed step fails the report. `skip`: it is recorded as a finding and the chain goes on.
        public var onFailure: String = "fail"
        /// `one-shot`: a process per report. `long-lived`: one process serves many reports.
        public var mode: String = "one-shot"
        public var maxReplyBytes: Int = 16 * 1024 * 1024
        /// File extensions this plugin turns into text for the intake, such as `["pdf"]`.
        public var formats: [String] = []

        enum CodingKeys: String, CodingKey {
            case command, environment, mode, formats
            case workingDirectory = "working_directory"
            case timeoutSeconds = "timeout_seconds"
            case onFailure = "on_failure"
            case maxReplyBytes = "max_reply_bytes"
        }

        public init(command: [String]) {
            self.command = command
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            command = try container.decode([String].self, forKey: .command)
            environment = try container.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
            workingDirectory = try container.decodeIfPresent(String.self, forKey: .workingDirectory)
            timeoutSeconds = try container.decodeNumberIfPresent(forKey: .timeoutSeconds) ?? timeoutSeconds
            onFailure = try container.decodeIfPresent(String.self, forKey: .onFailure) ?? onFailure
            mode = try container.decodeIfPresent(String.self, forKey: .mode) ?? mode
            maxReplyBytes = try container.decodeIfPresent(Int.self, forKey: .maxReplyBytes) ?? maxReplyBytes
            formats = try container.decodeIfPresent([String].self, forKey: .formats) ?? []
        }

        public func validate() throws {
            guard let program = command.first, !program.isEmpty else {
                throw ConfigurationError(key: "command", "must name a program: [\"/path/to/plugin\", \"arg\", …]")
            }
            guard ["fail", "skip"].contains(onFailure) else { throw ConfigurationError(key: "on_failure", "must be \"fail\" or \"skip\"") }
            guard ["one-shot", "long-lived"].contains(mode) else {
                throw ConfigurationError(key: "mode", "must be \"one-shot\" or \"long-lived\"")
            }
            guard timeoutSeconds > 0 else { throw ConfigurationError(key: "timeout_seconds", "must be more than 0") }
            guard maxReplyBytes > 0 else { throw ConfigurationError(key: "max_reply_bytes", "must be more than 0") }
        }
    }

    let instance: String
    let configuration: Configuration
    let session: PluginSession

    public init(configuration: Configuration, environment: ProcessorEnvironment) throws {
        let program = try Self.locate(configuration.command[0], environment: environment)
        var plugin = ["PATH": Self.searchPath, "LANG": "C.UTF-8"]
        plugin.merge(configuration.environment) { $1 }
        instance = environment.instanceName.isEmpty ? Self.name : environment.instanceName
        self.configuration = configuration
        let launch = PluginLaunch(
            name: instance, command: [program] + configuration.command.dropFirst(), environment: plugin,
            workingDirectory: configuration.workingDirectory.map { environment.resolve($0) } ?? environment.configDirectory,
            maxReplyBytes: configuration.maxReplyBytes)
        session = PluginSession(launch: launch, longLived: configuration.mode == "long-lived",
                                timeout: .milliseconds(Int64(configuration.timeoutSeconds * 1000)), logger: environment.logger)
    }

    static let searchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The program's absolute path: as given, relative to the config's folder, or found on the search path.
    static func locate(_ program: String, environment: ProcessorEnvironment) throws -> String {
        let candidates = program.contains("/")
            ? [environment.resolve(program).path]
            : searchPath.split(separator: ":").map { "\($0)/\(program)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ConfigurationError(key: "command", "no executable program at \(candidates.joined(separator: " or "))")
        }
        return found
    }

    public var convertedFormats: [String] { configuration.formats.map { $0.lowercased() } }
    public var converterName: String { "converted by \(instance)" }

    public func process(_ document: inout Document, context: ProcessingContext) async throws -> Flow {
        do {
            let additions = try await session.request(try PluginProtocol.processRequest(document))
            try Self.merge(additions, into: &document, from: instance)
        } catch {
            guard configuration.onFailure == "skip" else { throw ReportRejected("\(error)") }
            context.logger.warning("plugin step skipped", metadata: ["plugin": "\(instance)", "reason": "\(error)"])
            document.findings.append(Finding(
                rule: "exec.skipped", severity: .info, message: "外部处理程序“\(instance)”未完成，已跳过：\(error)",
                span: Span(0, 0), excerpt: ""))
        }
        return .proceed
    }

    public func convert(_ data: Data, name: String, logger: Logger) async throws -> String {
        let request = PluginProtocol.ConvertRequest(file: .init(
            name: name, format: (name as NSString).pathExtension.lowercased(), bytes: data.base64EncodedString()))
        let additions = try await session.request(try PluginProtocol.line(request))
        guard let text = additions.text, !text.isEmpty else { throw PluginFailure("plugin \(instance) returned no text for \(name)") }
        return text
    }

    /// Adds a plugin's result to the document; spans must lie in the text. The text itself is never replaced here.
    static func merge(_ additions: PluginProtocol.Additions, into document: inout Document, from plugin: String) throws {
        let length = ScalarText(document.text).count
        for span in (additions.findings ?? []).map(\.span) + (additions.metrics ?? []).map(\.span) where span.end > length {
            throw PluginFailure("plugin \(plugin) sent a span \(span) outside the text of \(length) characters")
        }
        if let meta = additions.meta {
            if let issuer = meta.issuer { document.meta.issuer = issuer }
            if let year = meta.year { document.meta.year = year }
            if let date = meta.date { document.meta.date = date }
            if let title = meta.title { document.meta.title = title }
        }
        document.findings += (additions.findings ?? []).map { finding in
            var finding = finding
            if !finding.rule.hasPrefix("\(plugin).") { finding.rule = "\(plugin).\(finding.rule)" }
            return finding
        }
        document.metrics += additions.metrics ?? []
        document.tags += (additions.tags ?? []).filter { !document.tags.contains($0) }
    }
}
