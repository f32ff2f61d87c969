extension Model {
    /// Component availabilities and the SLA target.
    public struct Availability: Sendable, Equatable {
        /// Availability the system should reach, in [0, 1].
        public var target: Double
        public var components: [Component]

        public init(target: Double, components: [Component]) {
            self.target = target
            self.components = components
        }
    }

    /// One component of the serving path.
    public struct Component: Sendable, Equatable {
        public var name: String
        public var reliability: Reliability
        /// Identical independent replicas, of which `required` must be up.
        public var replicas: Int
        public var required: Int
        /// False for components off the user-facing path (monitoring): reported, not multiplied in.
        public var criticalPath: Bool
        /// Probability that switching over to a replica succeeds, when replicated.
        public var failoverSuccessRate: Double?

        public init(name: String, reliability: Reliability, replicas: Int = 1, required: Int = 1,
                    criticalPath: Bool = true, failoverSuccessRate: Double? = nil) {
            self.name = name
            self.reliability = reliability
            self.replicas = replicas
            self.required = required
            self.criticalPath = criticalPath
            self.failoverSuccessRate = failoverSuccessRate
        }
    }

    /// How a component's availability is known.
    public enum Reliability: Sendable, Equatable {
        /// Steady-state availability A of one replica, in [0, 1].
        case availability(Double)
        /// Mean time between failures (hours) and to repair (minutes):
        /// A = MTBF / (MTBF + MTTR).
        case failureAndRepair(mtbfHours: Double, mttrMinutes: Double)

        /// Steady-state availability of one replica.
        public var availability: Double {
            switch self {
            case .availability(let a): a
            case .failureAndRepair(let mtbf, let mttr): mtbf / (mtbf + mttr / 60)
            }
        }
    }
}
