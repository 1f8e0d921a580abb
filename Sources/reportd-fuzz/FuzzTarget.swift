import Foundation
import ReportIntake
import MetricsProcessor
import ReportKit
import SectionsProcessor

/// What one fuzz input goes through: the intake under every format it reads, the section splitter
/// and the metric scanner.
enum FuzzTarget {
    static let reader = ReportReader(options: {
        var options = IntakeOptions()
        options.docxMaxUncompressedBytes = 8 * 1024 * 1024
        return options
    }())
    /// Tables along the standard search path (the working folder first): a development build finds config/.
    static let environment = ProcessorEnvironment(
        root: DataRoot(FileManager.default.temporaryDirectory),
        configDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), logger: .init(label: "reportd-fuzz"))
    static let splitter: SectionSplitter = {
        do { return try SectionSplitter(configuration: .init(), environment: environment) } catch { fatalError("\(error)") }
    }()
    static let scanner: MetricScanner = {
        do { return try MetricScanner(configuration: .init(), environment: environment) } catch { fatalError("\(error)") }
    }()
    static let received = Date(timeIntervalSince1970: 0)

    static func run(_ data: Data) {
        for name in ["report.txt", "report.md", "report.html", "report.docx"] {
            if let document = try? reader.read(data, name: name, received: received) {
                examine(document.text)
            }
        }
        if let text = String(validating: data, as: UTF8.self) {
            examine(text)
        }
    }

    static func examine(_ text: String) {
        let length = ScalarText(text).count
        check(splitter.split(text), within: length)
        for metric in scanner.scan(text) {
            precondition(metric.span.start >= 0 && metric.span.end <= length, "metric span outside the text")
            precondition(metric.value.isFinite, "metric value not finite")
        }
    }

    /// Every span must lie inside the text and inside its parent's span.
    static func check(_ sections: [Section], within count: Int, parent: Span? = nil) {
        for section in sections {
            precondition(section.span.start >= 0 && section.span.end <= count, "section span outside the text")
            if let parent { precondition(parent.contains(section.span), "child span outside its parent") }
            check(section.children, within: count, parent: section.span)
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    FuzzTarget.run(Data(bytes: bytes, count: count))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<module>_main`; here it hands control to libFuzzer's driver.
@_cdecl("reportd_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without libFuzzer: replays the files or folders given (a corpus, a crash) through the same target.
@main
struct FuzzReplay {
    static func main() throws {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            let url = URL(fileURLWithPath: argument)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            let files = isFolder.boolValue
                ? try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                : [url]
            for file in files {
                FuzzTarget.run(try Data(contentsOf: file))
                count += 1
            }
        }
        print("replayed \(count) inputs without a crash")
    }
}
#endif
