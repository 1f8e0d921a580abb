import Foundation
import Logging
import ReportKit
import ServiceLifecycle

/// Writes the Prometheus metrics file on an interval and once more at shutdown, each time atomically.
public struct MetricsFileService: Service, CustomStringConvertible {
    let stats: DaemonStats
    let file: URL
    let interval: Duration
    let root: DataRoot
    let logger: Logger

    public init(stats: DaemonStats, file: URL, interval: Duration, root: DataRoot, logger: Logger) {
        self.stats = stats
        self.file = file
        self.interval = interval
        self.root = root
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                write()
                try? await Task.sleep(for: interval)
            }
        }
        write()
    }

    public var description: String { "MetricsFileService" }

    /// Renders the counts with the backlog as it is now and replaces the file.
    public func write() {
        let backlog = ["inbox": Self.waiting(in: root.inbox), "spool": Self.waiting(in: root.spool)]
        let text = PrometheusText.render(stats.snapshot, backlog: backlog)
        do {
            try DurableFile.write(Data(text.utf8), to: file)
        } catch {
            logger.warning("metrics file could not be written", metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
    }

    /// Entries of `folder` that are not hidden (hidden ones are partial uploads and temporary files).
    static func waiting(in folder: URL) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).count { !$0.hasPrefix(".") }
    }
}
