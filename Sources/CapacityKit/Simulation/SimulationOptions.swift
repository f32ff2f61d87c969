/// How any Monte Carlo engine runs: path count, seed, parallelism.
///
/// Every engine's options (``ForecastOptions``, ``DeploymentOddsOptions``,
/// ``OutageSimulation/Options``) hold one and check it with ``problem(maximumPaths:)``,
/// so every command answers a bad `--paths`, `--threads` or `--chunk-size` in the
/// same words. `threads` and `chunkSize` never change a result: a path's random
/// stream is keyed by (seed, path, stream).
public struct SimulationOptions: Sendable, Equatable {
    /// The fixed default seed, printed with every result so a run can be repeated.
    public static let defaultSeed: UInt64 = 2026
    /// The most worker threads.
    public static let maximumThreads = 512

    /// Monte Carlo paths (≥ 1; standard errors need ≥ 2).
    public var paths: Int
    public var seed: UInt64
    /// Worker threads (1–``maximumThreads``); results do not depend on it.
    public var threads: Int
    /// Paths per chunk; nil lets the engine choose. Results do not depend on it.
    public var chunkSize: Int?

    public init(paths: Int, seed: UInt64 = SimulationOptions.defaultSeed, threads: Int = 1, chunkSize: Int? = nil) {
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.chunkSize = chunkSize
    }

    /// Why these options cannot run, as a command-line error naming the flag, or nil.
    public func problem(maximumPaths: Int) -> String? {
        if !(1...maximumPaths).contains(paths) {
            return "--paths must be between 1 and \(maximumPaths); got \(paths)"
        }
        if !(1...Self.maximumThreads).contains(threads) {
            return "--threads must be between 1 and \(Self.maximumThreads); got \(threads)"
        }
        if let chunkSize, chunkSize < 1 { return "--chunk-size must be ≥ 1; got \(chunkSize)" }
        return nil
    }

    /// The message for a `--seed` that is not a seed (a negative number, a fraction, text).
    public static func seedProblem(_ text: String) -> String {
        "--seed must be a whole number ≥ 0 (at most \(UInt64.max)); got \(text)"
    }

    /// The message for a `--start` that is not a calendar month.
    public static func startProblem(_ text: String) -> String {
        "--start must be a calendar month YYYY-MM (e.g. 2026-12); got \(text)"
    }
}

/// An engine's options that hold a ``SimulationOptions``: its paths, seed and threads read
/// and set through it, so each engine's options keep one copy of them.
public protocol SimulationOptionsHolding {
    var simulation: SimulationOptions { get set }
}

extension SimulationOptionsHolding {
    /// Monte Carlo paths.
    public var paths: Int {
        get { simulation.paths }
        set { simulation.paths = newValue }
    }

    /// The seed of every random stream.
    public var seed: UInt64 {
        get { simulation.seed }
        set { simulation.seed = newValue }
    }

    /// Worker threads; results do not depend on it.
    public var threads: Int {
        get { simulation.threads }
        set { simulation.threads = newValue }
    }
}
