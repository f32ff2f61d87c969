/// One scaling option tried at one decision point, on the same random paths as
/// the plan so far (common random numbers: the difference from the baseline is
/// the option's, not sampling noise).
///
///     runway = next deadline of any resource after applying it − the month it applies   (months)
///     gained = next deadline of the resource it answers, after applying it − the later of that
///              resource's deadline and the month it applies (months; a late option gains only what
///              follows its arrival)
///     cost over horizon        = added cost per month × months it is in force to the horizon's end
///     cost per month of runway = cost over horizon ÷ gained months
///
/// A deadline beyond the horizon counts as month `months + 1`.
public struct OptionEvaluation: Sendable {
    public var option: Model.ScalingOption
    /// Not in the model file: proposed by the timeline (right-sizing).
    public var proposed: Bool
    public var leadTimeDays: Double
    public var actBy: CalendarDay
    /// Act-by is before today: ordered now, in force from the first month after the lead time.
    public var actNow: Bool
    /// Month (1-based) from which it is in force; nil when the lead time runs past the horizon.
    public var appliesMonth: Int?
    /// Why it cannot be applied (connection budget, no room on the host, lead time), or nil.
    public var refusal: OptionRefusal?
    /// The limit a `limit` option sets, MB; for `auto` and proposals, how it was sized.
    public var limitMB: Double?
    public var rightSizing: RightSizing?
    /// The size a `pool` option sets; for proposals, how it was sized.
    public var poolSize: Int?
    public var poolResizing: PoolResizing?
    /// Capacity in force once applied.
    public var capacity: InstalledCapacity?
    /// Next deadline after applying it and the resource that sets it; nil: none within the horizon.
    public var nextDeadline: Int?
    public var nextResource: Resource?
    public var runwayMonths: Int
    public var gainedMonths: Int
    public var addedCostPerMonth: Double
    public var costOverHorizon: Double
    /// nil when it gains no runway.
    public var costPerRunwayMonth: Double?
    /// P(fail) of every resource (the forecast's resource order) in every month, with the option applied.
    public var pFail: [[Proportion]]

    /// The forecast (with its counts) and the schedule with it applied, to continue the plan from.
    var run: MemoryForecast.Run?
    var schedule: [InstalledCapacity]

    /// Applicable and buys runway for the resource it answers.
    public var eligible: Bool { refusal == nil && gainedMonths > 0 && costPerRunwayMonth != nil }
}
