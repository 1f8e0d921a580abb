import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `reportd process` shows while it works: on a terminal, one bar redrawn in place (at most ten times a
/// second); otherwise one plain line per file, so a log or pipe gets whole lines.
struct ProgressLine {
    let total: Int
    let onTerminal: Bool
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var done = 0
    private var counts: [String: Int] = [:]

    init(total: Int, onTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.onTerminal = onTerminal
    }

    /// Counts one finished file and shows it.
    mutating func finished(_ file: String, status: String) {
        done += 1
        counts[status, default: 0] += 1
        if onTerminal {
            let now = ContinuousClock.now
            if done == total || lastDrawn.map({ now - $0 >= .milliseconds(100) }) ?? true {
                lastDrawn = now
                emit("\r" + bar(now: now) + "\u{1B}[K")
            }
        } else {
            emit("[\(done)/\(total)] \(status) \(file)\n")
        }
    }

    /// Ends the bar's line so what follows starts on a fresh one.
    func close() {
        if onTerminal && done > 0 { emit("\n") }
    }

    func bar(now: ContinuousClock.Instant) -> String {
        let width = 24
        let filled = total > 0 ? done * width / total : width
        let elapsed = (now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let percent = total > 0 ? done * 100 / total : 100
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(done)/\(total) \(percent)%  processed \(counts["processed", default: 0])  duplicate \(counts["duplicate", default: 0])"
            + "  failed \(counts["failed", default: 0] + counts["deferred", default: 0])  " + String(format: "%.1f/s", rate)
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
