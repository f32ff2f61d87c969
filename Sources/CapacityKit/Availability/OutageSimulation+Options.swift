extension OutageSimulation {
    /// How many years to simulate, how, and on how many threads.
    ///
    /// `threads` and `chunkSize` never change a result: every replica of every
    /// path draws from its own stream keyed by (seed, path, stream id), and
    /// chunks are tallied in bounded memory and merged in path order.
    public struct Options: Sendable, Equatable {
        /// The fixed default seed, printed with every result so a run can be repeated.
        public static let defaultSeed: UInt64 = 2026
        /// The most paths a run accepts. Memory does not grow with paths (a
        /// chunk's tally per thread); time does, about E log R per simulated year
        /// for E replica events and R replicas.
        public static let maximumPaths = 10_000_000
        /// The most years per path: each path holds its years' outcomes (24 bytes a year).
        public static let maximumYears = 1_000
        /// The most worker threads.
        public static let maximumThreads = 512

        /// Years per path, simulated as one continuous timeline (≥ 1).
        public var years: Int
        /// Independent paths (≥ 1; standard errors need ≥ 2).
        public var paths: Int
        public var seed: UInt64
        /// Worker threads (≥ 1).
        public var threads: Int
        /// Standard deviation of a repair time as a multiple of its mean (≥ 0):
        /// 1 (the default) is sd = MTTR, 0 makes every repair last exactly MTTR.
        public var repairSDFactor: Double
        /// MTTR in minutes given to components whose model states only an
        /// availability A (> 0), so that MTBF = MTTR · A / (1 − A). Default 30 min.
        public var assumedRepairMinutes: Double
        /// Paths per chunk of work (≥ 1); bounds per-thread work, never changes results.
        public var chunkSize: Int

        public init(years: Int = 10, paths: Int = 10_000, seed: UInt64 = Options.defaultSeed, threads: Int = 1,
                    repairSDFactor: Double = 1, assumedRepairMinutes: Double = 30, chunkSize: Int = 1_000) {
            self.years = years
            self.paths = paths
            self.seed = seed
            self.threads = threads
            self.repairSDFactor = repairSDFactor
            self.assumedRepairMinutes = assumedRepairMinutes
            self.chunkSize = chunkSize
        }

        /// Simulated years in all: `paths × years`.
        public var pathYears: Int { paths * years }

        /// Why these options cannot run, as a command-line error naming the flag, or nil.
        public var problem: String? {
            if !(1...Self.maximumYears).contains(years) {
                return "--years must be between 1 and \(Self.maximumYears); got \(years)"
            }
            if !(1...Self.maximumPaths).contains(paths) {
                return "--paths must be between 1 and \(Self.maximumPaths); got \(paths)"
            }
            if !(1...Self.maximumThreads).contains(threads) {
                return "--threads must be between 1 and \(Self.maximumThreads); got \(threads)"
            }
            if chunkSize < 1 { return "--chunk-size must be ≥ 1; got \(chunkSize)" }
            if !(assumedRepairMinutes.isFinite && assumedRepairMinutes > 0) {
                return "--assumed-mttr must be a duration > 0, e.g. 30m; got \(assumedRepairMinutes) min"
            }
            if !(repairSDFactor.isFinite && repairSDFactor >= 0) {
                return "the repair-time sd factor must be finite and ≥ 0; got \(repairSDFactor)"
            }
            return nil
        }

        /// Checks the ranges documented above; a violation is a programmer error.
        func checkPreconditions() {
            if let problem { preconditionFailure("OutageSimulation.Options: \(problem)") }
        }
    }
}

extension OutageSimulation {
    /// Core-seconds per unit of ``workEstimate(_:options:)``, measured on a release
    /// build here: 1.0 × 10⁻⁷ s (10⁵ paths × 10 years of the default model,
    /// 7.1 × 10⁷ units, 7.2 s; a 2-of-4 component at 50 %, 7.0 × 10⁸ units, 74 s).
    static let coreSecondsPerUnit = 1.1e-7

    /// The work of a run before it starts: replica events plus one unit per
    /// simulated year,
    ///
    ///     units = paths · years · (1 + Σ_critical replicas · 2 · 525,600 / (MTBF + MTTR))
    ///
    /// (a replica that cycles every MTBF + MTTR minutes on average changes state
    /// twice per cycle; one that never fails or is never up, not at all).
    public static func workEstimate(_ model: Model.Availability, options: Options) -> WorkEstimate {
        let eventsPerYear = model.components.enumerated().filter { $0.element.criticalPath }.reduce(0.0) { sum, item in
            let process = ComponentProcess(item.element, modelIndex: item.offset, options: options)
            guard process.replicaUnavailability > 0, process.replicaUnavailability < 1 else { return sum }
            let cycleMinutes = process.mtbfHours * 60 + process.mttrMinutes
            return sum + Double(process.replicas) * 2 * Downtime.Period.year.minutes / cycleMinutes
        }
        let perYear = 1 + eventsPerYear
        let units = Double(options.paths) * Double(options.years) * perYear
        return WorkEstimate(units: units, unitName: "replica events", coreSeconds: units * coreSecondsPerUnit,
                            flags: ["--paths", "--years"], coreSecondsPerStep: perYear * coreSecondsPerUnit,
                            modelHint: "give the components longer MTBFs or fewer replicas")
    }
}
