/// The plan over the horizon: dated actions, the resources no option could
/// help, and every month under the actions.
public struct ScalingPlan: Sendable {
    /// How the plan ends: the headline.
    public enum Outcome: Sendable, Equatable {
        /// After the last action no resource reaches its critical level or the risk level, to the horizon's end.
        case holds
        /// No option buys runway for `resource` (deadline `deadline`); its risk level is reached
        /// in month `failsIn` (nil: not within the horizon, only the critical level is). The first shortfall.
        case runsOut(resource: Resource, deadline: Int, failsIn: Int?)
    }

    public var steps: [PlanStep]
    public var months: [PlanMonth]
    /// Resources no option helps, in the order the plan met them; the plan carried on with the others.
    public var shortfalls: [Shortfall]

    public var outcome: Outcome {
        shortfalls.first.map { .runsOut(resource: $0.resource, deadline: $0.deadline, failsIn: $0.failsIn) } ?? .holds
    }

    /// Sum of the monthly costs over the horizon under the plan.
    public var totalCost: Double { months.last?.cumulativeCost ?? 0 }
}

/// A resource at its deadline that no option helps: the plan says when it runs out.
public struct Shortfall: Sendable {
    public var resource: Resource
    /// Its deadline (1-based month).
    public var deadline: Int
    /// Its first month from the deadline on with P(fail) ≥ the risk level; nil: not within the horizon.
    public var failsIn: Int?
    /// The options tried and why none helps.
    public var tried: [OptionEvaluation]
}

/// One month under the plan.
public struct PlanMonth: Sendable {
    public var month: Int
    public var date: YearMonth
    /// Indices into ``ScalingPlan/steps`` of the actions in force from this month.
    public var actions: [Int]
    /// Indices into ``ScalingPlan/shortfalls`` of the resources that run out this month.
    public var runsOut: [Int]
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
