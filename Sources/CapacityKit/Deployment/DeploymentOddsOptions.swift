/// How the deployment analysis runs its Monte Carlo: path count, seed, parallelism.
///
/// The exact odds do not depend on these; the percentiles, the simulated
/// frequencies and the durations do, and are identical for any `threads` and
/// `chunkSize` at the same `paths` and `seed`.
public struct DeploymentOddsOptions: Sendable, Equatable {
    /// The fixed default seed, reported with every result so a run can be repeated.
    public static let defaultSeed: UInt64 = 2026
    /// The largest path count accepted (as the forecast's). Memory does not grow
    /// with it: percentiles come from histograms and exact sums merged per chunk.
    public static let maximumPaths = 100_000_000
    static let defaultChunkSize = 16_384

    /// Monte Carlo paths; each path is one simulated deployment (and one draw of
    /// the failure rates that are given as counts).
    public var paths: Int
    public var seed: UInt64
    /// Worker threads; results do not depend on it.
    public var threads: Int
    /// Paths per chunk; nil chooses 16,384. Results do not depend on it.
    public var chunkSize: Int?

    public init(paths: Int = 100_000, seed: UInt64 = DeploymentOddsOptions.defaultSeed, threads: Int = 1,
                chunkSize: Int? = nil) {
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.chunkSize = chunkSize
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if !(1...Self.maximumPaths).contains(paths) {
            return "--paths must be between 1 and \(Self.maximumPaths); got \(paths)"
        }
        if !(1...512).contains(threads) { return "--threads must be between 1 and 512; got \(threads)" }
        if let chunkSize, chunkSize < 1 { return "--chunk-size must be ≥ 1; got \(chunkSize)" }
        return nil
    }
}
