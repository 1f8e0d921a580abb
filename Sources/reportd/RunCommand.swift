import ArgumentParser
import Foundation
import Inbox
import Logging
import ReportIntake
import ReportKit
import ReportStore
import ReportViews
import ServiceLifecycle
import UnixSignals

/// `reportd run`: the daemon. SIGTERM/SIGINT finish the report in hand and exit 0; SIGHUP reloads the config.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Watch the inbox and process every report that arrives.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        var logger = Reportd.makeLogger()
        let catalogues = CatalogueProvider()
        let loaded = try options.load(logger: logger, catalogues: catalogues)
        logger.logLevel = Logger.Level(rawValue: loaded.settings.log.level) ?? .info
        let settings = loaded.settings
        let root = settings.dataRoot
        try root.create()
        let lock: RootLock
        do {
            lock = try RootLock(root)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }
        defer { withExtendedLifetime(lock) {} }
        let catalogue = try catalogues.catalogue(at: root.catalogue)
        let arrivals = ArrivalOrder()
        let live = LiveFlow(DaemonWiring.current(loaded, catalogue: catalogue, arrivals: arrivals, logger: logger))
        let notifier = SystemdNotifier()
        let stats = DaemonStats()

        let inbox = InboxService(
            settings: .init(root: root, recursive: settings.inbox.recursive, workers: settings.inbox.workerCount,
                            retrySeconds: settings.inbox.retrySeconds, retryMaxSeconds: settings.inbox.retryMaxSeconds),
            live: live, notifier: notifier, logger: logger, stats: stats)
        let reloader = ConfigReloadService(options: options, running: settings, catalogues: catalogues,
                                           catalogue: catalogue, live: live, logger: logger)
        // Listed before the inbox so that, shut down in reverse order, its last write comes after the last report.
        let metricsFile: [ServiceGroupConfiguration.ServiceConfiguration] = settings.metricsFile.file(in: root).map { file in
            [.init(service: MetricsFileService(stats: stats, file: file, interval: .milliseconds(Int64(settings.metricsFile.intervalSeconds * 1000)),
                                               root: root, logger: logger),
                   successTerminationBehavior: .ignore)]
        } ?? []
        let group = ServiceGroup(configuration: .init(
            services: metricsFile + [
                .init(service: inbox, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: WatchdogService(notifier: notifier), successTerminationBehavior: .ignore),
                .init(service: reloader),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

/// Builds what the workers use from one loaded configuration.
enum DaemonWiring {
    static func current(_ loaded: LoadedConfiguration, catalogue: Catalogue, arrivals: ArrivalOrder,
                        logger: Logger) -> LiveFlow.Current {
        let root = loaded.settings.dataRoot
        return LiveFlow.Current(
            flow: ReportFlow(root: root, reader: ReportReader(options: loaded.settings.intake),
                             pipeline: loaded.pipeline, catalogue: catalogue, logger: logger, arrivals: arrivals),
            claimer: InboxClaimer(root: root, ignore: loaded.settings.inbox.ignore, recursive: loaded.settings.inbox.recursive))
    }
}

/// Reloads the config on SIGHUP; a config that does not load is refused and the running one kept.
struct ConfigReloadService: Service, CustomStringConvertible {
    let options: GlobalOptions
    let running: ReportdConfiguration
    /// The provider the running catalogue came from, so a reloaded dedupe step shares it.
    let catalogues: CatalogueProvider
    let catalogue: Catalogue
    let live: LiveFlow
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        try await cancelWhenGracefulShutdown {
            for await _ in signals {
                reload()
            }
        }
    }

    var description: String { "ConfigReloadService" }

    private func reload() {
        let loader = ConfigurationLoader(registry: BuiltinProcessors.registry(catalogues: catalogues), logger: logger)
        do {
            let loaded = try loader.load(file: options.configURL, root: options.root)
            var restartOnly: [String] = []
            if loaded.settings.root != running.root { restartOnly.append("root") }
            if loaded.settings.inbox.recursive != running.inbox.recursive { restartOnly.append("inbox.recursive") }
            if loaded.settings.inbox.workers != running.inbox.workers { restartOnly.append("inbox.workers") }
            if loaded.settings.metricsFile != running.metricsFile { restartOnly.append("metrics_file") }
            guard restartOnly.isEmpty else {
                logger.error("config reload refused: these keys change only with a restart; the running config is kept",
                             metadata: ["keys": "\(restartOnly.joined(separator: ", "))"])
                return
            }
            live.replace(with: DaemonWiring.current(loaded, catalogue: catalogue, arrivals: live.current.flow.arrivals,
                                                    logger: logger))
            logger.notice("config reloaded", metadata: ["pipeline": "\(loaded.pipeline.names.joined(separator: ","))"])
        } catch {
            logger.error("config reload refused; the running config is kept", metadata: ["error": "\(error.description)"])
        }
    }
}
