/// One action of the plan: the resource whose deadline calls for it, the
/// option chosen, the options it was chosen from, and what it leaves.
public struct PlanStep: Sendable {
    /// The resource that reaches its deadline first.
    public var resource: Resource
    /// Its warn crossing (plan by) and its deadline month (1-based).
    public var planBy: YearMonth?
    public var deadline: Int
    /// What its deadline is: the critical crossing at the confidence, or P(fail) ≥ risk.
    public var criticalMonth: Int?
    public var riskMonth: Int?
    public var chosen: OptionEvaluation
    /// Every option tried at this point (the file's, then proposals), chosen one included.
    public var candidates: [OptionEvaluation]
    /// Cost per month once applied.
    public var costPerMonth: Double
    /// The largest P(fail) of any resource, and which, in the months this step covers
    /// (from the month it applies to the month before the next action, or the horizon's end).
    public var riskLeft: Proportion
    public var riskLeftResource: Resource
}
