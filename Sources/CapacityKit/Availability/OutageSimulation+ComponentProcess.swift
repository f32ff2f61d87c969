extension OutageSimulation {
    /// How one critical component is simulated: each replica alternates between
    /// up, for an exponential time of mean MTBF, and down, for a lognormal repair
    /// of mean MTTR and sd `repairSDFactor × MTTR`.
    ///
    /// A component given only an availability A gets the options' assumed MTTR
    /// and MTBF = MTTR · A / (1 − A), so its replica unavailability stays 1 − A;
    /// A = 1 never fails (MTBF = +∞) and A = 0 is never up (MTBF = 0).
    public struct ComponentProcess: Sendable, Equatable {
        public let name: String
        /// Index of the component in the model's list; its replicas' random streams are keyed by it.
        public let modelIndex: Int
        public let replicas: Int
        public let required: Int
        /// Probability that an active replica's failure is switched over to a
        /// standby (see ``ComponentAvailability``); nil without failover or without a standby.
        public let failoverSuccessRate: Double?
        /// Mean time between failures of one replica, hours (+∞: never fails).
        public let mtbfHours: Double
        /// Mean repair time of one replica, minutes.
        public let mttrMinutes: Double
        /// Standard deviation of a repair time, minutes.
        public let repairStandardDeviationMinutes: Double
        /// True when the model gave only an availability and MTTR is the assumed one.
        public let repairTimeIsAssumed: Bool
        /// Steady-state unavailability of one replica, MTTR / (MTBF + MTTR).
        public let replicaUnavailability: Double

        /// - Precondition: `modelIndex` and `replicas` below 2³²: a replica's stream id is
        ///   modelIndex · 2³² + replica, so a larger replica index would reach the next
        ///   component's streams (the model's ranges keep both ≤ 1,000).
        init(_ component: Model.Component, modelIndex: Int, options: Options) {
            precondition(modelIndex < 1 << 32 && component.replicas <= 1 << 32,
                         "stream ids hold the component index and the replica index in 32 bits each")
            name = component.name
            self.modelIndex = modelIndex
            replicas = component.replicas
            required = component.required
            failoverSuccessRate = component.replicas > component.required ? component.failoverSuccessRate : nil
            replicaUnavailability = component.reliability.unavailability
            switch component.reliability {
            case .failureAndRepair(let mtbf, let mttr):
                mtbfHours = mtbf
                mttrMinutes = mttr
                repairTimeIsAssumed = false
            case .availability(let a):
                mttrMinutes = options.assumedRepairMinutes
                mtbfHours = replicaUnavailability == 0 ? .infinity : mttrMinutes * a / replicaUnavailability / 60
                repairTimeIsAssumed = true
            }
            repairStandardDeviationMinutes = options.repairSDFactor * mttrMinutes
        }
    }
}
