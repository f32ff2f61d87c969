/// Page one of the review: what the review is asked to decide, from the plan —
/// the asks, what the plan costs, what stays unsolved and what it would need, the
/// plan's own risk and the inputs' age. Decided here from the plan's own figures,
/// so page one never contradicts the plan's tables.
public struct ReviewDecision: Sendable {
    /// The changes the review is asked to approve: every change of infrastructure (node size, nodes,
    /// connections) over the horizon, and every other change (limits, pool sizes, workers per node)
    /// to order before the next review.
    public var asks: [PlanStep]
    /// Changes of limits, pool sizes and workers per node after the next review, not asked for yet.
    public var laterChanges: Int
    /// Cost per month today and at the horizon's end, and the sum over the horizon, under the plan.
    public var costToday: Double
    public var costAtEnd: Double
    public var totalCost: Double
    /// The months of the horizon: the first and the last.
    public var from: YearMonth
    public var through: YearMonth
    /// What the plan cannot keep under the rule within the model's options, with what binds and what would hold.
    public var unsolved: [Shortfall]
    /// Resources past their rule only before the first change can be in force (lead time).
    public var pastBeforeFirstChange: [Shortfall]
    public var executionRisk: ExecutionRisk?
    public var inputsAge: InputsAge?

    init(timeline: TimelineResult, nextReview: YearMonth, inputsAge: InputsAge?) {
        let plan = timeline.plan
        let reviewDay = CalendarDay(firstOf: nextReview)
        asks = plan.steps.filter { step in
            switch step.change {
            case .nodeSize, .nodes, .connections: true
            case .limit, .poolSize, .workers: step.actBy < reviewDay
            }
        }
        laterChanges = plan.steps.count - asks.count
        costToday = timeline.baseCostPerMonth
        costAtEnd = plan.months.last?.costPerMonth ?? timeline.baseCostPerMonth
        totalCost = plan.totalCost
        from = timeline.start
        through = timeline.date(max(1, plan.months.count))
        unsolved = plan.shortfalls.filter { !$0.onlyBeforeFirstChange }
        pastBeforeFirstChange = plan.shortfalls.filter(\.onlyBeforeFirstChange)
        executionRisk = plan.executionRisk
        self.inputsAge = inputsAge
    }
}
