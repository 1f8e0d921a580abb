import Foundation
import Testing

@Suite struct FuzzCorpusTests {
    /// The fuzzing seed corpus, and any crash found since and added to it, replays without a crash.
    @Test func seedCorpusReplaysCleanly() async throws {
        let replay = reportdBinary.deletingLastPathComponent().appendingPathComponent("reportd-fuzz")
        let process = Process()
        process.executableURL = replay
        process.arguments = [repository.appendingPathComponent("Fuzz/corpus").path]
        process.environment = childEnvironment()
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("without a crash"))
    }
}
