// swift-tools-version: 6.0
// libFuzzer targets over capacity's model loader, command lines and engines (as swift-protobuf's
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
        // Command lines: the quick forms' parsers and engines in process, the real
        // `capacity` out of process (CAPACITY_FUZZ_BINARY).
        .executableTarget(
            name: "FuzzCommandLine",
            dependencies: [.product(name: "CapacityKit", package: "capacity")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
