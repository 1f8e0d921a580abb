import Foundation
import ReportStore
import Testing
@testable import reportd

@Suite struct RegistryTests {
    @Test func everyPluginFolderIsRegistered() async throws {
        let plugins = try FileManager.default.contentsOfDirectory(
            at: repository.appendingPathComponent("Plugins"), includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .map { $0.lastPathComponent.lowercased() }
        #expect(!plugins.isEmpty)
        let registry = BuiltinProcessors.registry(catalogues: CatalogueProvider())
        for plugin in plugins {
            #expect(registry.contains(plugin), "Plugins/\(plugin) is not registered in BuiltinProcessors")
        }
    }

    @Test func everyPluginFolderIsSelfContained() async throws {
        let folder = repository.appendingPathComponent("Plugins")
        for plugin in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !plugin.hasPrefix(".") {
            for item in ["Sources", "Tests", "README.md", "\(plugin.lowercased()).sample.toml"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(plugin)/\(item)").path),
                        "Plugins/\(plugin) lacks \(item)")
            }
        }
    }
}
