extension Model {
    /// Ways to add capacity and how long they take.
    public struct Scaling: Sendable, Equatable {
        /// Days from deciding to having the capacity, for options without their own.
        public var leadTimeDays: Double
        public var options: [ScalingOption]

        public init(leadTimeDays: Double, options: [ScalingOption]) {
            self.leadTimeDays = leadTimeDays
            self.options = options
        }
    }

    /// One way to add capacity, in force from the month it applies.
    public struct ScalingOption: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// A bigger machine: `memoryMB` replaces each node's memory; `costPerMonth` is per node.
            case vertical
            /// One more node of `memoryMB`; `costPerMonth` is the new node's.
            case horizontal
            /// A new `limit_mb` for one service (free unless a cost is given).
            case limit
            /// A new `size` for one pool (free unless a cost is given).
            case pool
        }

        /// The new limit of a `limit` option.
        public enum LimitTarget: Sendable, Equatable {
            /// This many MB.
            case megabytes(Double)
            /// What the forecast says the service needs (see ``ScalingTimeline``'s right-sizing).
            case auto
        }

        public var name: String
        public var kind: Kind
        /// Node memory, MB (vertical, horizontal); 0 for the other kinds.
        public var memoryMB: Double
        /// Added to the bill each month (vertical: the price of each node, replacing `host.cost_per_month`).
        public var costPerMonth: Double
        /// Its own lead time, days; nil: `scaling.lead_time_days`.
        public var leadTimeDays: Double?
        /// The service of a `limit` option.
        public var service: String?
        /// The new limit of a `limit` option.
        public var limit: LimitTarget?
        /// The pool of a `pool` option.
        public var pool: String?
        /// The new pool size (connections per app process) of a `pool` option.
        public var size: Int?

        public init(name: String, kind: Kind, memoryMB: Double = 0, costPerMonth: Double = 0,
                    leadTimeDays: Double? = nil, service: String? = nil, limit: LimitTarget? = nil,
                    pool: String? = nil, size: Int? = nil) {
            self.name = name
            self.kind = kind
            self.memoryMB = memoryMB
            self.costPerMonth = costPerMonth
            self.leadTimeDays = leadTimeDays
            self.service = service
            self.limit = limit
            self.pool = pool
            self.size = size
        }
    }
}
