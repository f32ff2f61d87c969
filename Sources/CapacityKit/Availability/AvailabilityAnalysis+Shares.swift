extension AvailabilityAnalysis {
    /// Each component's share of the system's downtime, in component order: its unavailability over
    /// the sum of the critical path's (0 for a component off it),
    ///
    ///     share_i = U_i / Σ_j U_j        over the components on the critical path
    ///
    /// the first-order split of U = 1 − Π (1 − U_j) (exact when at most one is down at a time, which
    /// is the regime of any system near its target). All zero when nothing on the path can fail.
    public var downtimeShares: [Double] {
        let total = components.filter(\.criticalPath).map(\.unavailability).reduce(0, +)
        return components.map { $0.criticalPath && total > 0 ? $0.unavailability / total : 0 }
    }
}
