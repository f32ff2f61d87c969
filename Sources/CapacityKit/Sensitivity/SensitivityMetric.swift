/// The figure a sensitivity analysis ranks the inputs by, each read from its
/// engine's result — the figure the command's own table shows.
public enum SensitivityMetric: String, Sendable, CaseIterable {
    /// Host memory per node, P90, in the last month (MB): ``MonthForecast/memoryMB``. Always defined.
    case memoryP90 = "memory_p90"
    /// P(fail) in the last month of the resource with the largest in the base case
    /// (ties: the highest P90 level): ``ResourceMonth/pFail``.
    case pFail = "p_fail"
    /// Months before the first deadline of any resource — its P90 at its critical level or its
    /// P(fail) at the risk level — from the forecast's crossings; the horizon when none within it.
    case runway
    /// The scaling plan's cost over the horizon: ``ScalingPlan/totalCost``.
    case cost
    /// The month (1-based) the plan's first action — or first shortfall — is due (its deadline);
    /// months + 1 when the plan needs none.
    case firstActionMonth = "first_action_month"
    /// P(a deployment fails unrecoverably), the exact odds of ``DeploymentOutcomes``.
    case pUnrecoverable = "p_unrecoverable"
    /// Expected downtime a year, minutes, of ``AvailabilityAnalysis``.
    case downtime

    /// Which engine computes it, and so which inputs can move it.
    public enum Engine: Sendable, Equatable {
        case forecast, timeline, deployment, availability
    }

    public var engine: Engine {
        switch self {
        case .memoryP90, .pFail, .runway: .forecast
        case .cost, .firstActionMonth: .timeline
        case .pUnrecoverable: .deployment
        case .downtime: .availability
        }
    }

    /// What it is, for a header: "host P90 memory in the last month".
    public var title: String {
        switch self {
        case .memoryP90: "host P90 memory in the last month"
        case .pFail: "P(fail) in the last month"
        case .runway: "runway to the first deadline"
        case .cost: "the plan's cost over the horizon"
        case .firstActionMonth: "the month the plan's first action is due"
        case .pUnrecoverable: "P(a deployment fails unrecoverably)"
        case .downtime: "expected downtime a year"
        }
    }

    /// Its unit: "MB per node", "months", …
    public var unit: String {
        switch self {
        case .memoryP90: "MB per node"
        case .pFail, .pUnrecoverable: "probability"
        case .runway: "months"
        case .cost: "money"
        case .firstActionMonth: "month"
        case .downtime: "minutes a year"
        }
    }
}
