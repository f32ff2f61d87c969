extension Model {
    /// One service (container) on the host and how its memory grows.
    public struct Service: Sendable, Equatable {
        public var name: String
        public var memory: Memory
        /// Container memory limit, MB; exceeding it is an OOM of this service.
        public var limitMB: Double?
        /// Warn and critical levels as fractions of `limitMB`; nil: the model's `thresholds`.
        public var thresholds: Levels?

        public init(name: String, memory: Memory, limitMB: Double? = nil, thresholds: Levels? = nil) {
            self.name = name
            self.memory = memory
            self.limitMB = limitMB
            self.thresholds = thresholds
        }
    }

    /// Memory of a service at the month's peak:
    ///
    ///     (baseMB + perRPSMB · peak_rps + perConnectionMB · connections) · (1 + noise · Z)
    public struct Memory: Sendable, Equatable {
        public var baseMB: Double
        /// MB per request/s of peak traffic.
        public var perRPSMB: Double
        /// MB per open database connection (for a pool's server).
        public var perConnectionMB: Double
        /// Relative standard deviation of the service's memory.
        public var noise: Double

        public init(baseMB: Double, perRPSMB: Double = 0, perConnectionMB: Double = 0, noise: Double = 0) {
            self.baseMB = baseMB
            self.perRPSMB = perRPSMB
            self.perConnectionMB = perConnectionMB
            self.noise = noise
        }
    }
}
