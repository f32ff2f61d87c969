extension Model {
    /// A named what-if the model file carries (`scenarios:`): overrides of its
    /// own values, compared side by side with the model as it is, on the same
    /// random paths (`--scenario NAME`, `capacity report`).
    ///
    ///     scenarios:
    ///       fast growth: {traffic.growth.mean: 30%}
    ///       two nodes: {host.nodes: 2}
    public struct Scenario: Sendable, Equatable {
        public var name: String
        /// Key path → value, in file order (see ``ModelOverride``).
        public var overrides: [ModelOverride]

        public init(name: String, overrides: [ModelOverride]) {
            self.name = name
            self.overrides = overrides
        }
    }
}
