// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "UnionStats",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unionstats", targets: ["unionstats"]),
        .executable(name: "unionstats-bench", targets: ["unionstats-bench"]),
        .library(name: "UnionStats", targets: ["UnionStats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libcsv from Debian's libcsv-dev; no pkg-config file, so a module map with a shim header.
        .systemLibrary(
            name: "CLibCSV",
            path: "Sources/CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // glibc calls that Swift's Glibc module leaves out (wmemchr, mallopt, sync_file_range).
        .target(name: "CSystemCalls", path: "Sources/CSystemCalls"),
        .target(
            name: "UnionStats",
            dependencies: ["CLibCSV", "CSystemCalls"],
            path: "Sources/UnionStats",
            // Exclusivity is checked at compile time; the run-time checks cost about a tenth
            // of the aggregate stage's instructions (callgrind) and guard nothing this code does.
            swiftSettings: [.swiftLanguageMode(.v5), .unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .executableTarget(
            name: "unionstats",
            dependencies: [
                "UnionStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/unionstats",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // `make bench`: corpus generator and per-stage timer.
        .executableTarget(name: "unionstats-bench", dependencies: ["UnionStats"], path: "Sources/unionstats-bench",
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        // libFuzzer entry points (`make fuzz`); a plain build makes replay runners.
        .executableTarget(name: "fuzz-quantity", dependencies: ["UnionStats"], path: "Sources/fuzz-quantity",
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        .executableTarget(name: "fuzz-textrepair", dependencies: ["UnionStats"], path: "Sources/fuzz-textrepair",
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        .executableTarget(name: "fuzz-csv", dependencies: ["UnionStats"], path: "Sources/fuzz-csv",
                          swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(
            name: "UnionStatsTests",
            dependencies: ["UnionStats"],
            path: "Tests/UnionStatsTests",
            exclude: ["Fixtures", "EndToEnd/Expected"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
