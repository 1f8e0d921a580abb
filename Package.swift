// swift-tools-version: 6.1
import PackageDescription

/// The processors that ship with reportd. Each lives in Plugins/<Name>/ with
/// Sources/, Tests/, README.md and <name>.sample.toml; its module is <Name>Processor.
let processors = ["Archive", "Audit", "Dedupe", "Exec", "Metrics", "Sections"]

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "reportd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reportd", targets: ["reportd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CInotifyTools", path: "Sources/CInotifyTools"),
        .target(name: "CFileSync"),
        .target(name: "CHeap"),
        .target(
            name: "ReportKit",
            dependencies: [
                "CFileSync",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReportKitTesting",
            dependencies: [
                "ReportKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReportIntake",
            dependencies: [
                "ReportKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReportStore",
            dependencies: ["ReportKit", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReportViews",
            dependencies: [
                "ReportKit", "ReportStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Inbox",
            dependencies: [
                "CInotifyTools", "CHeap", "ReportKit", "ReportIntake", "ReportStore", "ReportViews",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reportd",
            dependencies: [
                "ReportKit", "ReportIntake", "ReportStore", "Inbox", "ReportViews",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ] + processors.map { .target(name: "\($0)Processor") },
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reportd-fuzz",
            dependencies: ["ReportKit", "ReportIntake", .target(name: "SectionsProcessor"), .target(name: "MetricsProcessor")],
            swiftSettings: swiftSettings
        ),
        // Prints the CPU time per report of intake, sections, metrics, audit, document.json and the page: swift run -c release chain-bench
        .executableTarget(
            name: "chain-bench",
            dependencies: ["ReportKit", "ReportIntake", "ReportViews", "SectionsProcessor", "MetricsProcessor", "AuditProcessor"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportKitTests",
            dependencies: [
                "ReportKit", "ReportKitTesting",
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ReportIntakeTests", dependencies: ["ReportIntake", "ReportKitTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "ReportStoreTests", dependencies: ["ReportStore"], swiftSettings: swiftSettings),
        .testTarget(name: "ReportViewsTests", dependencies: ["ReportViews", "ReportStore", "ReportKit", "ReportKitTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InboxTests",
            dependencies: ["Inbox", .product(name: "InMemoryLogging", package: "swift-log"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["reportd", "reportd-fuzz", "ReportKit", "ReportStore", "ReportKitTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)

/// Dependencies a processor needs beyond ReportKit and ReportStore.
let processorDependencies: [String: [Target.Dependency]] = [
    "Archive": ["ReportViews"],
    "Audit": [.product(name: "TOMLKit", package: "TOMLKit")],
    "Sections": [.product(name: "TOMLKit", package: "TOMLKit")],
    "Metrics": [.product(name: "TOMLKit", package: "TOMLKit")],
]

// Prints the metrics scan's speed and peak memory: swift run -c release metrics-bench
package.targets.append(.executableTarget(
    name: "metrics-bench",
    dependencies: ["MetricsProcessor", "ReportKit"],
    path: "Plugins/Metrics/Benchmark",
    swiftSettings: swiftSettings
))

for name in processors {
    package.targets += [
        .target(
            name: "\(name)Processor",
            dependencies: ["ReportKit", "ReportStore"] + processorDependencies[name, default: []],
            path: "Plugins/\(name)/Sources",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "\(name)ProcessorTests",
            dependencies: [.target(name: "\(name)Processor"), "ReportKit", "ReportStore", "ReportKitTesting"],
            path: "Plugins/\(name)/Tests",
            swiftSettings: swiftSettings
        ),
    ]
}

/// The dedupe benchmark: a labelled corpus generator and timings, printed; never part of `swift test`.
package.targets.append(.executableTarget(
    name: "dedupe-bench",
    dependencies: ["CHeap", "DedupeProcessor", "ReportStore", "ReportKit", .product(name: "GRDB", package: "GRDB.swift")],
    path: "Plugins/Dedupe/Bench",
    swiftSettings: swiftSettings
))

// Prints what the outbox index, an export and a report page cost as the catalogue grows: swift run -c release views-bench
package.targets.append(.executableTarget(
    name: "views-bench",
    dependencies: ["ReportViews", "ReportStore", "ReportKit"],
    swiftSettings: swiftSettings
))
