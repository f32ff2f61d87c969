/// The plan over the horizon: dated actions and every month under them.
public struct ScalingPlan: Sendable {
    /// How the plan ends.
    public enum Outcome: Sendable, Equatable {
        /// No resource reaches its critical level or the risk level after the last action, to the horizon's end.
        case holds
        /// No option buys runway for `resource` (deadline `deadline`); the risk level is reached
        /// in month `failsIn` (nil: not within the horizon, only the critical level is).
        case runsOut(resource: Resource, deadline: Int, failsIn: Int?)
    }

    public var steps: [PlanStep]
    public var months: [PlanMonth]
    public var outcome: Outcome
    /// When the plan runs out: the options tried at that point and why none helps.
    public var unanswered: [OptionEvaluation]
    /// Sum of the monthly costs over the horizon under the plan.
    public var totalCost: Double { months.last?.cumulativeCost ?? 0 }
}

/// One month under the plan.
public struct PlanMonth: Sendable {
    public var month: Int
    public var date: YearMonth
    /// Indices into ``ScalingPlan/steps`` of the actions in force from this month.
    public var actions: [Int]
    /// This is the month the plan runs out (the risk level reached with no option left).
    public var runsOut: Bool
    public var nodes: Int
    /// Physical memory per node in force, MB.
    public var nodeMemoryMB: Double
    /// Host demand P90 as a fraction of usable memory.
    public var hostP90: Double
    /// P(host out of memory) under the plan.
    public var pOOM: Proportion
    /// The largest P(fail) of any resource this month, and which.
    public var worstPFail: Proportion
    public var worstResource: Resource
    public var costPerMonth: Double
    public var cumulativeCost: Double
}
