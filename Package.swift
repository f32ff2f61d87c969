// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "capacity",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CapacityKit", targets: ["CapacityKit"]),
        .executable(name: "capacity", targets: ["capacity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // OpenBLAS (CBLAS + LAPACK) and LAPACKE; only Linear/BLAS.swift imports it.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "CapacityKit",
            dependencies: [
                "COpenBLAS",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "capacity",
            dependencies: [
                "CapacityKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "normals-benchmark",
            dependencies: ["CapacityKit"],
            path: "benchmarks/normals"
        ),
        .executableTarget(
            name: "synthetic-history",
            dependencies: ["CapacityKit"],
            path: "scripts/synthetic-history"
        ),
        .target(
            name: "CapacityTestSupport",
            dependencies: ["CapacityKit"]
        ),
        .testTarget(
            name: "CapacityKitTests",
            dependencies: ["CapacityKit", "CapacityTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CapacityCLITests",
            dependencies: ["capacity", "CapacityTestSupport"],
            exclude: ["Golden", "Scripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
