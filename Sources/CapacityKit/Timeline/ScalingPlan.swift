import Foundation

/// The plan over the horizon: the changes, the months under them, what stays
/// unsolved and what would hold, and the plan's own risk.
public struct ScalingPlan: Sendable {
    /// How the plan ends: the headline.
    public enum Outcome: Sendable, Equatable {
        /// Every resource stays under its deadline rule in every month, to the horizon's end.
        case holds
        /// Within the model's options no schedule holds: `resource` fails its rule from `deadline`
        /// (P(fail) ≥ risk from `failsIn`, nil: not within the horizon). The first shortfall.
        case runsOut(resource: Resource, deadline: Int, failsIn: Int?)
    }

    public var steps: [PlanStep]
    public var months: [PlanMonth]
    /// Resources the plan cannot keep under the rule, first month first.
    public var shortfalls: [Shortfall]
    /// The risk of carrying the plan out, from the model's `deployment:` odds (nil without one).
    public var executionRisk: ExecutionRisk?
    /// What the search could not keep under the rule, in resource-months (``ScalingPlanner``'s first
    /// criterion; 0 when the plan holds).
    public var failingResourceMonths: Int

    /// Holds when every shortfall is only the months before any change can be in force.
    public var outcome: Outcome {
        shortfalls.first { !$0.onlyBeforeFirstChange }
            .map { .runsOut(resource: $0.resource, deadline: $0.deadline, failsIn: $0.failsIn) } ?? .holds
    }

    /// Sum of the monthly costs over the horizon under the plan.
    public var totalCost: Double { months.last?.cumulativeCost ?? 0 }

    /// The cost over the horizon of `schedule` (the capacity in force each month), in the order the
    /// plan's months add it up: Σ_m cost per month, so a plan's ``totalCost`` is this of its schedule.
    static func totalCost(of schedule: [InstalledCapacity]) -> Double {
        schedule.reduce(0) { $0 + $1.costPerMonth }
    }
}

/// The chance that carrying the plan out goes wrong, each change being one deployment
/// through the model's pipeline (independent deployments):
///
///     P(at least one rollback or unrecoverable failure) = 1 − (1 − p_failure)^changes
///     P(at least one unrecoverable failure)             = 1 − (1 − p_unrecoverable)^changes
///
/// with p_failure = P(rolled back) + P(unrecoverable) of one deployment (``DeploymentOutcomes``).
public struct ExecutionRisk: Sendable, Equatable {
    public var changes: Int
    public var failurePerDeployment: Double
    public var unrecoverablePerDeployment: Double
    public var anyFailure: Double
    public var anyUnrecoverable: Double

    init(changes: Int, outcomes: DeploymentOutcomes<Double>) {
        self.changes = changes
        failurePerDeployment = outcomes.failure
        unrecoverablePerDeployment = outcomes.unrecoverable
        anyFailure = 1 - pow1p(-outcomes.failure, changes)
        anyUnrecoverable = 1 - pow1p(-outcomes.unrecoverable, changes)
    }
}

/// (1 + x)^n for small x, exactly enough for probabilities: exp(n · log1p(x)).
private func pow1p(_ x: Double, _ n: Int) -> Double {
    x <= -1 ? (n == 0 ? 1 : 0) : Foundation.exp(Double(n) * Foundation.log1p(x))
}

/// A resource the plan cannot keep under its rule within the model's options.
public struct Shortfall: Sendable {
    public var resource: Resource
    /// The first month (1-based) it fails the rule under the plan (P90 at critical or P(fail) ≥ risk).
    public var deadline: Int
    /// Its first month with P(fail) ≥ the risk level under the plan; nil: not within the horizon.
    public var failsIn: Int?
    /// What binds: "the server accepts 47 connections; the pools need 112 from 2027-09".
    public var binding: String
    /// The smallest change outside the model's options that would hold through the horizon.
    public var wouldHold: String
    /// It fails only in months before any change can be in force (lead time), and holds from then on.
    public var onlyBeforeFirstChange: Bool
}

/// One month under the plan.
public struct PlanMonth: Sendable {
    public var month: Int
    public var date: YearMonth
    /// Indices into ``ScalingPlan/steps`` of the changes in force from this month.
    public var actions: [Int]
    /// Indices into ``ScalingPlan/shortfalls`` of the resources that start failing this month.
    public var runsOut: [Int]
    /// What is in force.
    public var capacity: InstalledCapacity
    public var nodes: Int { capacity.nodes }
    /// Physical memory per node in force, MB.
    public var nodeMemoryMB: Double { capacity.nodeMemoryMB }
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
