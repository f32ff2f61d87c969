// swift-tools-version: 6.0
// libFuzzer targets over capacity's model loader and engines (as swift-protobuf's
// FuzzTesting/): a package of its own so the main build never needs the sanitizers.
// Build and run with `scripts/fuzz SECONDS` from the repository root.
import PackageDescription

let package = Package(
    name: "FuzzTesting",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "capacity", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "FuzzModel",
            dependencies: [.product(name: "CapacityKit", package: "capacity")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
