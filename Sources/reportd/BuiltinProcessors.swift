import ArchiveProcessor
import AuditProcessor
import DedupeProcessor
import ExecProcessor
import MetricsProcessor
import ReportKit
import ReportStore
import SectionsProcessor

/// The composition root's list of processors: the only place in Sources/ that names a plugin.
enum BuiltinProcessors {
    /// `catalogues` opens the catalogue under the data root the first time a processor needs it.
    static func registry(catalogues: CatalogueProvider) -> ProcessorRegistry {
        var registry = ProcessorRegistry()
        registry.register(DuplicateDetector.self) { configuration, environment in
            let url = environment.root.catalogue
            return DuplicateDetector(configuration: configuration, catalogue: { try catalogues.catalogue(at: url) })
        }
        registry.register(SectionSplitter.self) { configuration, environment in try SectionSplitter(configuration: configuration, environment: environment) }
        registry.register(MetricScanner.self) { configuration, environment in try MetricScanner(configuration: configuration, environment: environment) }
        registry.register(ReportAuditor.self) { configuration, environment in try ReportAuditor(configuration: configuration, environment: environment) }
        registry.register(ArchiveWriter.self) { configuration, environment in
            let url = environment.root.catalogue
            return ArchiveWriter(configuration: configuration, root: environment.root,
                                 lookup: { try catalogues.catalogue(at: url).archivePath(of: $0) })
        }
        registry.register(ExecProcessor.self) { configuration, environment in
            try ExecProcessor(configuration: configuration, environment: environment)
        }
        return registry
    }
}
