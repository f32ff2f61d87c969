extension OutageSimulation {
    /// How many years to simulate, how, and on how many threads.
    ///
    /// `threads` and `chunkSize` never change a result: every replica of every
    /// path draws from its own stream keyed by (seed, path, stream id).
    public struct Options: Sendable, Equatable {
        /// The most path-years a run may hold: every simulated year's outcome is
        /// kept so that quantiles are exact, about 50 bytes a year at the peak
        /// (≈ 100 MB at the cap; the default 10,000 paths × 10 years is 100,000).
        /// The CLI should reject larger `paths × years` with a usage error; the
        /// engine treats it as a programmer error.
        public static let maximumPathYears = 2_000_000

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
        /// Paths per chunk of work (≥ 1); bounds per-thread buffers, never changes results.
        public var chunkSize: Int

        public init(years: Int = 10, paths: Int = 10_000, seed: UInt64 = 1, threads: Int = 1,
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

        /// Checks the ranges documented above; a violation is a programmer error.
        func checkPreconditions() {
            precondition(years >= 1 && paths >= 1 && threads >= 1 && chunkSize >= 1,
                         "years, paths, threads and chunkSize must be ≥ 1")
            precondition(paths <= Self.maximumPathYears / years,
                         "paths × years must be ≤ \(Self.maximumPathYears)")
            precondition(repairSDFactor.isFinite && repairSDFactor >= 0, "repairSDFactor must be finite and ≥ 0")
            precondition(assumedRepairMinutes.isFinite && assumedRepairMinutes > 0,
                         "assumedRepairMinutes must be finite and > 0")
        }
    }
}
