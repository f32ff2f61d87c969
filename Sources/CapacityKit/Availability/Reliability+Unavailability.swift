extension Model.Reliability {
    /// Steady-state unavailability of one replica, 1 − A, without cancellation:
    ///
    ///     U = 1 − A                   (availability given)
    ///     U = MTTR / (MTBF + MTTR)    (MTBF in hours, MTTR converted from minutes)
    ///
    /// The second form keeps full relative precision when U is tiny, where
    /// `1 − availability` would lose digits.
    var unavailability: Double {
        switch self {
        case .availability(let a):
            1 - a
        case .failureAndRepair(let mtbfHours, let mttrMinutes):
            mttrMinutes / 60 / (mtbfHours + mttrMinutes / 60)
        }
    }
}
