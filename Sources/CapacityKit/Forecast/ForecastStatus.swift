/// A month's verdict, the worst over all resources (first rule that applies):
///
/// - CRITICAL when any resource's P(fail) ≥ the model's risk level (`thresholds.risk`, default 1 %);
/// - ACT when any resource's P90 level ≥ its critical level;
/// - WATCH when any resource's P90 level ≥ its warn level;
/// - else SAFE.
///
/// The one place the ladder lives; writers only render it.
public enum ForecastStatus: String, Sendable, CaseIterable, Comparable {
    case safe = "SAFE"
    case watch = "WATCH"
    case act = "ACT"
    case critical = "CRITICAL"

    public static func < (lhs: ForecastStatus, rhs: ForecastStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The status one resource gives a month.
    static func of(_ month: ResourceMonth, levels: Model.Levels, risk: Double) -> ForecastStatus {
        if month.pFail.estimate >= risk { return .critical }
        if month.level.p90 >= levels.critical { return .act }
        if month.level.p90 >= levels.warn { return .watch }
        return .safe
    }
}

/// A month's status and the resources that decide it (empty when SAFE), in resource order.
public struct MonthStatus: Sendable, Equatable {
    public var status: ForecastStatus
    public var deciding: [Resource]

    /// The worst status over `resources` in month index `month`, and who gives it.
    init(_ resources: [ResourceOutlook], month: Int, risk: Double) {
        let each = resources.map { ForecastStatus.of($0.months[month], levels: $0.resource.levels, risk: risk) }
        let worst = each.max() ?? .safe
        status = worst
        deciding = worst == .safe ? [] : zip(resources, each).filter { $0.1 == worst }.map(\.0.resource)
    }
}
