import ExecProcessor
import Foundation
import Logging
import ReportKit
import ReportKitTesting
import Testing

/// The example and misbehaving plugins, run for real as child processes.
@Suite(.timeLimit(.minutes(2))) struct ExecProcessorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let examples = folder.deletingLastPathComponent().appendingPathComponent("examples")

    func processor(_ program: URL, mode: String = "one-shot", timeout: Double = 10, onFailure: String = "fail",
                   name: String = "plugin") throws -> ExecProcessor {
        var configuration = ExecProcessor.Configuration(command: [program.path])
        configuration.mode = mode
        configuration.timeoutSeconds = timeout
        configuration.onFailure = onFailure
        try configuration.validate()
        let environment = ProcessorEnvironment(
            root: DataRoot(FileManager.default.temporaryDirectory), configDirectory: Self.folder,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), instanceName: name)
        return try ExecProcessor(configuration: configuration, environment: environment)
    }

    let report = "一、总体情况\n全年围绕科技普法开展活动十二次，进一步加强执法监督等等。\n"

    @Test func pythonPluginAddsTagsAndFindingsWithTheirSpans() async throws {
        let plugin = try processor(Self.examples.appendingPathComponent("keywords.py"), mode: "long-lived", name: "keywords")
        let result = await EmbeddedPipeline([plugin]).feed(report)
        #expect(result.outcome == .processed)
        #expect(result.document.tags == ["topic:enforcement", "topic:legal-education", "topic:science"])
        let finding = try #require(result.document.findings.first { $0.excerpt == "等等" })
        #expect(finding.rule == "keywords.vague-wording")
        #expect(ScalarText(result.document.text)[finding.span] == "等等")
        // The same process serves the next report.
        let again = await EmbeddedPipeline([plugin]).feed("二、下一步工作打算\n")
        #expect(again.outcome == .processed)
    }

    @Test func shellPluginTagsByLength() async throws {
        let result = await EmbeddedPipeline([try processor(Self.examples.appendingPathComponent("length-tag.sh"))]).feed(report)
        #expect(result.document.tags == ["length:short"])
    }

    @Test func aSlowPluginHitsItsTimeLimit() async throws {
        let started = ContinuousClock.now
        let result = await EmbeddedPipeline([try processor(Self.folder.appendingPathComponent("plugins/slow.sh"), timeout: 1)]).feed(report)
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case .failure(.report(let reason, _)) = result.outcome else {
            Issue.record("expected a failed report, got \(result.outcome)")
            return
        }
        #expect(reason.contains("no reply within"))
    }

    @Test func garbageIsAClearFailure() async throws {
        let result = await EmbeddedPipeline([try processor(Self.folder.appendingPathComponent("plugins/garbage.sh"))]).feed(report)
        guard case .failure(.report(let reason, _)) = result.outcome else {
            Issue.record("expected a failed report, got \(result.outcome)")
            return
        }
        #expect(reason.contains("not valid JSON"))
        #expect(reason.contains("Traceback"))
    }

    @Test func aNonZeroExitIsAClearFailure() async throws {
        let result = await EmbeddedPipeline([try processor(Self.folder.appendingPathComponent("plugins/exit-nonzero.sh"))]).feed(report)
        guard case .failure(.report(let reason, _)) = result.outcome else {
            Issue.record("expected a failed report, got \(result.outcome)")
            return
        }
        #expect(reason.contains("exit status 3"))
    }

    @Test func skipRecordsTheFailureAndTheChainGoesOn() async throws {
        let plugin = try processor(Self.folder.appendingPathComponent("plugins/garbage.sh"), onFailure: "skip")
        let result = await EmbeddedPipeline([plugin]).feed(report)
        #expect(result.outcome == .processed)
        #expect(result.document.findings.map(\.rule) == ["exec.skipped"])
    }

    @Test func aLongLivedPluginThatCrashesIsStartedAgain() async throws {
        let plugin = try processor(Self.folder.appendingPathComponent("plugins/crash-second.py"), mode: "long-lived")
        let pipeline = EmbeddedPipeline([plugin])
        #expect(await pipeline.feed(report).document.tags == ["served"])
        let crashed = await pipeline.feed(report)
        #expect(crashed.outcome.status == "failed")
        let restarted = await pipeline.feed(report)
        #expect(restarted.outcome == .processed, "\(restarted.outcome)")
        #expect(restarted.document.tags == ["served"])
    }

    @Test func aMissingProgramIsAConfigurationError() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try processor(Self.folder.appendingPathComponent("plugins/no-such-plugin"))
        }
    }

    @Test func mergeRefusesSpansOutsideTheText() async throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("span-\(UUID().uuidString).sh")
        try """
            #!/bin/sh
            read -r hello
            echo '{"type":"hello","protocol":1}'
            read -r request
            echo '{"type":"result","additions":{"findings":[{"rule":"x","severity":"info","message":"m","span":[0,99999],"excerpt":""}]}}'
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let result = await EmbeddedPipeline([try processor(script)]).feed(report)
        #expect(result.outcome.status == "failed")
    }
}
