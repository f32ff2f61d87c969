extension Model {
    /// The machines the services share.
    public struct Host: Sendable, Equatable {
        /// Physical memory per node, MB.
        public var memoryMB: Double
        /// Memory kept for the OS and a safety buffer per node, MB.
        public var reservedMB: Double
        public var nodes: Int
        /// Cost per node and month, in the model's currency.
        public var costPerMonth: Double
        /// CPU cores per node (optional): with a worker pool's `cpu_ms`, its CPU utilisation.
        public var cores: Double?

        public init(memoryMB: Double, reservedMB: Double = 0, nodes: Int = 1, costPerMonth: Double = 0,
                    cores: Double? = nil) {
            self.cores = cores
            self.memoryMB = memoryMB
            self.reservedMB = reservedMB
            self.nodes = nodes
            self.costPerMonth = costPerMonth
        }

        /// Memory the services may use on one node: `memoryMB − reservedMB`.
        public var usableMB: Double { memoryMB - reservedMB }
    }

    /// The model-wide levels: warn and critical as fractions of a resource's
    /// capacity (usable memory for the host; the default for containers and pools),
    /// and the risk level: a month is CRITICAL when any resource fails in at least
    /// this share of paths.
    public struct Thresholds: Sendable, Equatable {
        public var warn: Double
        public var critical: Double
        /// P(fail) at or above which a month is CRITICAL (default 1 %).
        public var risk: Double

        public init(warn: Double = 0.75, critical: Double = 0.85, risk: Double = 0.01) {
            self.warn = warn
            self.critical = critical
            self.risk = risk
        }

        /// The warn and critical levels alone.
        public var levels: Levels { Levels(warn: warn, critical: critical) }
    }

    /// Warn and critical levels of one resource, as fractions of its capacity (warn < critical ≤ 1).
    public struct Levels: Sendable, Equatable {
        public var warn: Double
        public var critical: Double

        public init(warn: Double, critical: Double) {
            self.warn = warn
            self.critical = critical
        }
    }

    /// Today's traffic and how it grows.
    public struct Traffic: Sendable, Equatable {
        /// Average requests per second in month 1.
        public var rps: Double
        public var growth: Growth
        /// Monthly peak ÷ monthly average.
        public var peakFactor: MeanAndSD

        public init(rps: Double, growth: Growth, peakFactor: MeanAndSD = MeanAndSD(mean: 1, sd: 0)) {
            self.rps = rps
            self.growth = growth
            self.peakFactor = peakFactor
        }
    }

    /// Monthly growth of traffic: rate g ~ N(mean, sd²) drawn once per path,
    /// plus month-to-month noise ε ~ N(0, volatility²).
    public struct Growth: Sendable, Equatable {
        public var mean: Double
        public var sd: Double
        public var volatility: Double

        public init(mean: Double, sd: Double = 0, volatility: Double = 0) {
            self.mean = mean
            self.sd = sd
            self.volatility = volatility
        }
    }

    /// A quantity known up to a mean and a standard deviation.
    public struct MeanAndSD: Sendable, Equatable {
        public var mean: Double
        public var sd: Double

        public init(mean: Double, sd: Double) {
            self.mean = mean
            self.sd = sd
        }
    }
}
