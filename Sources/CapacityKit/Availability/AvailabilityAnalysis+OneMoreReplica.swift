extension AvailabilityAnalysis {
    /// Critical components by the system availability one more replica buys,
    /// best first; ties keep the weakest-first order (the model's order). O(n log n).
    public var oneMoreReplicaRanking: [ComponentAvailability] {
        components.enumerated()
            .filter { $0.element.criticalPath }
            .sorted { lhs, rhs in
                let (l, r) = (lhs.element.systemAvailabilityGain, rhs.element.systemAvailabilityGain)
                return l != r ? l > r : lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    /// The best single step: the top of ``oneMoreReplicaRanking`` when one more replica gains
    /// anything at all; nil when none does.
    public var bestSingleStep: ComponentAvailability? {
        oneMoreReplicaRanking.first.flatMap { $0.systemAvailabilityGain > 0 ? $0 : nil }
    }

    /// True when one more replica of `component` meets the target, by the rule of ``meetsTarget``:
    ///
    ///     1 − A′ ≤ 1 − target,   A′ = the system availability with that replica
    public func meetsTarget(withOneMoreReplicaOf component: ComponentAvailability) -> Bool {
        1 - component.systemAvailabilityWithOneMoreReplica <= errorBudget.unavailability
    }
}
