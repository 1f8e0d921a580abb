import ArchiveProcessor
import MetricsProcessor
import ReportKit
import SectionsProcessor

/// The composition root's list of processors: the only place in Sources/ that names a plugin.
enum BuiltinProcessors {
    static func registry() -> ProcessorRegistry {
        var registry = ProcessorRegistry()
        registry.register(SectionSplitter.self) { configuration, environment in try SectionSplitter(configuration: configuration, environment: environment) }
        registry.register(MetricScanner.self) { configuration, environment in try MetricScanner(configuration: configuration, environment: environment) }
        registry.register(ArchiveWriter.self) { configuration, environment in
            ArchiveWriter(configuration: configuration, root: environment.root)
        }
        return registry
    }
}
