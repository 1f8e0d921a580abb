import Logging
import ServiceLifecycle

/// Keeps systemd's watchdog fed with `WATCHDOG=1` at half the interval it asked for.
public struct WatchdogService: Service, CustomStringConvertible {
    let notifier: SystemdNotifier

    public init(notifier: SystemdNotifier) {
        self.notifier = notifier
    }

    public func run() async throws {
        guard let interval = notifier.watchdogInterval else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                notifier.notify("WATCHDOG=1")
                try? await Task.sleep(for: interval)
            }
        }
    }

    public var description: String { "WatchdogService" }
}
