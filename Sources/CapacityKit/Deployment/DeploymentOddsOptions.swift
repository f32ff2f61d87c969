/// How the deployment analysis runs its Monte Carlo: path count, seed, parallelism.
///
/// The exact odds do not depend on these; the percentiles, the simulated
/// frequencies and the durations do, and are identical for any `threads` and
/// `chunkSize` at the same `paths` and `seed`.
public struct DeploymentOddsOptions: SimulationOptionsHolding, Sendable, Equatable {
    /// The fixed default seed, reported with every result so a run can be repeated.
    public static let defaultSeed = SimulationOptions.defaultSeed
    /// The largest path count accepted (as the forecast's). Memory does not grow
    /// with it: percentiles come from histograms and exact sums merged per chunk.
    public static let maximumPaths = 100_000_000
    static let defaultChunkSize = 16_384

    /// Paths (each one simulated deployment and one draw of the failure rates that are
    /// given as counts), seed, threads, chunk size (nil chooses 16,384).
    public var simulation: SimulationOptions
    /// Paths per chunk; nil chooses 16,384. Results do not depend on it.
    public var chunkSize: Int? {
        get { simulation.chunkSize }
        set { simulation.chunkSize = newValue }
    }

    public init(paths: Int = 100_000, seed: UInt64 = DeploymentOddsOptions.defaultSeed, threads: Int = 1,
                chunkSize: Int? = nil) {
        simulation = SimulationOptions(paths: paths, seed: seed, threads: threads, chunkSize: chunkSize)
    }

    public init(_ simulation: SimulationOptions) {
        self.simulation = simulation
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        simulation.problem(maximumPaths: Self.maximumPaths)
    }
}
