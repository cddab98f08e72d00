// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "BackPlan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "backplan", targets: ["backplan"]),
        .library(name: "BackPlanPublish", targets: ["BackPlanPublish"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Test-only: the reference that BackPlan's own Mustache engine is compared with.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The system libcmark, found through pkg-config: Markdown to HTML.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The system libqrencode, found the same way: QR codes that link printed pages to the site.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),

        // Embeds Data/ and Templates/ into the binary as generated source, so the
        // defaults travel with the executable wherever it is copied.
        .executableTarget(name: "EmbedResources", path: "Sources/EmbedResources"),
        .plugin(
            name: "EmbedResourcesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        .target(
            name: "BackPlanResources",
            plugins: ["EmbedResourcesPlugin"]
        ),

        // Pure: catalog, preferences, planner. No file or process I/O.
        .target(
            name: "BackPlanCore",
            dependencies: [
                "BackPlanResources",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Pure text to text: view models, Mustache, CommonMark.
        .target(
            name: "BackPlanRender",
            dependencies: [
                "BackPlanCore",
                "BackPlanResources",
                "CCmark",
                "CQRencode",
            ]
        ),
        // Every write and every child process.
        .target(
            name: "BackPlanPublish",
            dependencies: [
                "BackPlanRender",
                "BackPlanCore",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // The WeasyPrint driver, built into the binary and written to a private folder when a run prints with it.
            resources: [.embedInCode("PDF/weasyprint-driver.py")]
        ),
        .executableTarget(
            name: "backplan",
            dependencies: [
                "BackPlanPublish",
                "BackPlanRender",
                "BackPlanCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmark of `backplan batch` against libcmark alone; built by `make bench`, not by the tests.
        .executableTarget(
            name: "backplan-bench",
            dependencies: ["BackPlanPublish", "BackPlanRender", "BackPlanCore"],
            path: "Sources/BackPlanBench"
        ),

        .testTarget(
            name: "BackPlanCoreTests",
            dependencies: ["BackPlanCore"]
        ),
        .testTarget(
            name: "BackPlanRenderTests",
            dependencies: [
                "BackPlanRender",
                "BackPlanCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(
            name: "BackPlanPublishTests",
            dependencies: ["BackPlanPublish", "BackPlanRender", "BackPlanCore"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["BackPlanCore"]
        ),
    ]
)

// libFuzzer targets, built only by `make fuzz` (BACKPLAN_FUZZ=1, every module with AddressSanitizer
// and libFuzzer's coverage, in a scratch path of their own): an ordinary build or test never sees them. See docs/hardening.md.
if Context.environment["BACKPLAN_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Targets/Driver"))
    for (name, folder, dependency) in [
        ("fuzz-preferences", "Preferences", "BackPlanCore"), ("fuzz-catalog", "Catalog", "BackPlanCore"),
        ("fuzz-roster", "Roster", "BackPlanPublish"), ("fuzz-templates", "Templates", "BackPlanRender"),
    ] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: [.target(name: dependency), "FuzzDriver"],
            path: "Fuzz/Targets/\(folder)",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
            // libFuzzer's main is linked into these alone: the build's own tools keep theirs.
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
