extension OutageSimulation {
    /// How many years to simulate, how, and on how many threads.
    ///
    /// `threads` and `chunkSize` never change a result: every replica of every
    /// path draws from its own stream keyed by (seed, path, stream id), and
    /// chunks are tallied in bounded memory and merged in path order.
    public struct Options: SimulationOptionsHolding, Sendable, Equatable {
        /// The fixed default seed, printed with every result so a run can be repeated.
        public static let defaultSeed = SimulationOptions.defaultSeed
        /// The most paths a run accepts. Memory does not grow with paths (a
        /// chunk's tally per thread); time does (see ``workEstimate(_:options:)``,
        /// which refuses runs over the budget before they start).
        public static let maximumPaths = 10_000_000
        /// The most years per path: each path holds its years' outcomes (24 bytes a year).
        public static let maximumYears = 1_000
        /// The most worker threads.
        public static let maximumThreads = SimulationOptions.maximumThreads

        /// Years per path, simulated as one continuous timeline (≥ 1).
        public var years: Int
        /// Paths (≥ 1; standard errors need ≥ 2), seed, threads, chunk size (nil: 1,000).
        public var simulation: SimulationOptions
        /// Standard deviation of a repair time as a multiple of its mean (≥ 0):
        /// 1 (the default) is sd = MTTR, 0 makes every repair last exactly MTTR.
        public var repairSDFactor: Double
        /// MTTR in minutes given to components whose model states only an
        /// availability A (> 0), so that MTBF = MTTR · A / (1 − A). Default 30 min.
        public var assumedRepairMinutes: Double
        /// Paths per chunk of work (≥ 1; default 1,000); bounds per-thread work, never changes results.
        public var chunkSize: Int {
            get { simulation.chunkSize ?? Self.defaultChunkSize }
            set { simulation.chunkSize = newValue }
        }
        static let defaultChunkSize = 1_000

        public init(years: Int = 10, paths: Int = 10_000, seed: UInt64 = Options.defaultSeed, threads: Int = 1,
                    repairSDFactor: Double = 1, assumedRepairMinutes: Double = 30, chunkSize: Int = 1_000) {
            self.init(years: years, simulation: SimulationOptions(paths: paths, seed: seed, threads: threads, chunkSize: chunkSize),
                      repairSDFactor: repairSDFactor, assumedRepairMinutes: assumedRepairMinutes)
        }

        public init(years: Int = 10, simulation: SimulationOptions, repairSDFactor: Double = 1,
                    assumedRepairMinutes: Double = 30) {
            self.years = years
            self.simulation = simulation
            self.repairSDFactor = repairSDFactor
            self.assumedRepairMinutes = assumedRepairMinutes
        }

        /// Simulated years in all: `paths × years`.
        public var pathYears: Int { paths * years }

        /// Why these options cannot run, as a command-line error naming the flag, or nil.
        public var problem: String? {
            if !(1...Self.maximumYears).contains(years) {
                return "--years must be between 1 and \(Self.maximumYears); got \(years)"
            }
            if let problem = simulation.problem(maximumPaths: Self.maximumPaths) { return problem }
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
    /// Core-seconds per replica event with at most ``EventQueue/scanLimit`` replicas;
    /// measured: `benchmarks/work-estimates.md`.
    static let coreSecondsPerUnit = 2.2e-8

    /// How much an event costs with R replicas, relative to a few:
    ///
    ///     f(R) = 1                                          R ≤ 8 (scanned)
    ///     f(R) = (1 + ⌈log₂ R⌉ / 4) · min(1 + R / 20,000, 3)  beyond (a tree of ⌈log₂ R⌉ matches,
    ///                                                       and state that outgrows the caches)
    ///
    /// fitted to measured events of 99.9 % replicas (`benchmarks/work-estimates.md`).
    static func eventCostFactor(replicas: Int) -> Double {
        guard replicas > EventQueue.scanLimit else { return 1 }
        let levels = Double(Int.bitWidth - (replicas - 1).leadingZeroBitCount)
        return (1 + levels / 4) * min(1 + Double(replicas) / 20_000, 3)
    }

    /// The work of a run before it starts, in replica events, plus one unit per
    /// simulated year (its tally) and one per replica and path (its start):
    ///
    ///     units = paths · (R + years · (1 + Σ_critical replicas · 2 · 525,600 / (MTBF + MTTR)))
    ///
    /// (a replica that cycles every MTBF + MTTR minutes on average changes state
    /// twice per cycle; one that never fails or is never up, not at all). Its time
    /// prices events by ``eventCostFactor(replicas:)`` and a start as two events:
    ///
    ///     core-seconds = 2.2 × 10⁻⁸ · paths · (2R + years · (1 + events a year · f(R)))
    ///
    /// A run is also refused, whatever the budget, when one replica's path would
    /// need more cycles than half its random stream holds (``SimulatedReplica/maximumCycles``):
    /// only `--years` lowers that.
    public static func workEstimate(_ validated: Validated<Model.Availability>, options: Options) -> WorkEstimate {
        let model = validated.section
        let processes = model.components.enumerated().filter { $0.element.criticalPath }.map {
            ComponentProcess($0.element, modelIndex: $0.offset, options: options)
        }
        let horizonMinutes = Double(options.years) * Downtime.Period.year.minutes
        var eventsPerYear = 0.0, mostCycles = 0.0, busiest: String?
        for process in processes where process.replicaUnavailability > 0 && process.replicaUnavailability < 1 {
            let cycleMinutes = process.mtbfHours * 60 + process.mttrMinutes
            eventsPerYear += Double(process.replicas) * 2 * Downtime.Period.year.minutes / cycleMinutes
            if horizonMinutes / cycleMinutes > mostCycles { (mostCycles, busiest) = (horizonMinutes / cycleMinutes, process.name) }
        }
        let replicas = processes.reduce(0) { $0 + $1.replicas }
        let paths = Double(options.paths), years = Double(options.years)
        let units = paths * (Double(replicas) + years * (1 + eventsPerYear))
        let perYear = (1 + eventsPerYear * eventCostFactor(replicas: replicas)) * coreSecondsPerUnit
        let perPath = 2 * Double(replicas) * coreSecondsPerUnit
        var estimate = WorkEstimate(units: units, unitName: "replica events and starts", coreSeconds: paths * (perPath + years * perYear),
                                    flags: ["--paths", "--years"], coreSecondsPerStep: perYear,
                                    modelHint: "give the components longer MTBFs or fewer replicas")
        let streamLimit = Double(SimulatedReplica.maximumCycles / 2)
        if mostCycles > streamLimit, let busiest {
            estimate.limit = "a path of \(options.years) years would take each replica of `\(busiest)` through about "
                + "\(String(format: "%.2g", mostCycles)) failures, more than its random stream holds "
                + "(\(String(format: "%.2g", streamLimit))); lower `--years` to at most "
                + "\(max(1, Int(Double(options.years) * streamLimit / mostCycles))), or give `\(busiest)` a longer MTBF"
        }
        return estimate
    }
}
