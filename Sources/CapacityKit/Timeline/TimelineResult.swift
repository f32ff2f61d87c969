/// What `capacity timeline` found: each resource's dates without any change,
/// and the plan over the horizon.
public struct TimelineResult: Sendable {
    public var modelName: String
    public var options: TimelineOptions
    public var start: YearMonth
    /// Today, as the engine used it (the first day of month 1 when not given).
    public var today: CalendarDay
    public var risk: Double
    /// Every resource's crossings and dates with the model as it is (forecast order), earliest deadline first.
    public var resources: [ResourceDates]
    /// The plan over the horizon.
    public var plan: ScalingPlan
    /// Cost per month of the model as it is.
    public var baseCostPerMonth: Double
    /// The model's service names and pool names (model order: the order of ``InstalledCapacity``'s lists).
    public var services: [String]
    public var pools: [String]
    /// The model's worker pool names (model order: the order of ``InstalledCapacity/workersPerNode``).
    public var workers: [String] = []
    /// Indices into ``workers`` of the worker pools that a `workers` option can raise: the plan may
    /// change their per_node, so the months show it.
    public var scaledWorkers: [Int] = []

    /// How old the inputs are, when the model's start was before today (the months between were simulated).
    public var inputsAge: InputsAge?

    /// The model's options the plan cannot use, and why (a vertical option no larger than the host).
    public var unusableOptions: [(option: String, reason: String)]

    /// The first action of the plan, if any: what `capacity forecast` ends with.
    public var firstAction: PlanStep? { plan.steps.first }

    /// The calendar month of forecast month `month` (1-based).
    public func date(_ month: Int) -> YearMonth { start.adding(months: month - 1) }
}
