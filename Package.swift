// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// LAPACKE is a library of its own on Debian and Ubuntu (liblapacke-dev) and
/// part of libopenblas elsewhere (Homebrew, OpenBLAS built from source): link
/// it only where it is separate.
let lapackeIsSeparate = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                         "/usr/local/lib"]
    .contains { FileManager.default.fileExists(atPath: "\($0)/liblapacke.so") }

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
        // OpenBLAS (CBLAS + LAPACK) and LAPACKE; only Linear/BLAS.swift imports it.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "pkg-config"]), .brew(["openblas", "pkg-config"])]
        ),
        // The hot loops in C, one variant per instruction set, chosen at run time;
        // only Kernels/VectorKernels.swift imports it.
        .target(name: "CCapacityKernels"),
        .target(
            name: "CapacityKit",
            dependencies: [
                "COpenBLAS",
                "CCapacityKernels",
                .product(name: "Yams", package: "Yams"),
            ],
            linkerSettings: lapackeIsSeparate ? [.linkedLibrary("lapacke")] : []
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
