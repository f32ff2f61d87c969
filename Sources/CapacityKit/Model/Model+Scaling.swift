extension Model {
    /// Ways to add capacity and how long they take.
    public struct Scaling: Sendable, Equatable {
        /// Days from deciding to having the capacity.
        public var leadTimeDays: Double
        public var options: [ScalingOption]

        public init(leadTimeDays: Double, options: [ScalingOption]) {
            self.leadTimeDays = leadTimeDays
            self.options = options
        }
    }

    /// One way to add capacity.
    public struct ScalingOption: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// A bigger machine: `memoryMB` replaces the node's memory.
            case vertical
            /// Another node of `memoryMB`.
            case horizontal
        }

        public var name: String
        public var kind: Kind
        public var memoryMB: Double
        public var costPerMonth: Double

        public init(name: String, kind: Kind, memoryMB: Double, costPerMonth: Double) {
            self.name = name
            self.kind = kind
            self.memoryMB = memoryMB
            self.costPerMonth = costPerMonth
        }
    }
}
