// swift-tools-version: 6.0
import PackageDescription

// This manifest decides nothing from the machine it runs on: no file, no
// environment variable. SwiftPM caches a manifest's evaluation across builds and
// folders, so a decision read from the disk (is liblapacke.so there yet?) would
// outlive the install that changes it. What differs between systems is declared
// per platform: LAPACKE is a library of its own on Linux (CLAPACKE below) and
// part of Homebrew's libopenblas on macOS. `.ci/run` checks this
// (scripts/check-manifest).

let package = Package(
    name: "capacity",
    // Linux (any distribution with OpenBLAS) and macOS 15 or later (Synchronization's Mutex).
    platforms: [.macOS(.v15)],
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
        // OpenBLAS (CBLAS + LAPACK) and LAPACKE's declarations; only Linear/BLAS.swift imports it.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "pkg-config"]), .brew(["openblas", "pkg-config"])]
        ),
        // LAPACKE's own library (liblapacke), linked on Linux only; macOS's
        // OpenBLAS contains it. Only Linear/BLAS.swift imports it.
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "pkg-config"])]
        ),
        // The hot loops in C, one variant per instruction set, chosen at run time;
        // only Kernels/VectorKernels.swift imports it.
        .target(name: "CCapacityKernels"),
        .target(
            name: "CapacityKit",
            dependencies: [
                "COpenBLAS",
                .target(name: "CLAPACKE", condition: .when(platforms: [.linux])),
                "CCapacityKernels",
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
            name: "lapack-link-check",
            dependencies: ["COpenBLAS", .target(name: "CLAPACKE", condition: .when(platforms: [.linux]))],
            path: "scripts/lapack-link-check"
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
