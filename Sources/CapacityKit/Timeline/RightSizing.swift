/// Forward-looking right-sizing of one container's limit: the smallest limit,
/// in whole MB, that keeps the service out of trouble in every month from
/// `from` through `through` of a forecast, read from its demand histograms:
///
///     L = ⌈ max over months m of max( D_m(k) · (1 + 2⁻¹⁰),  Q_m(q) / critical · (1 + 2⁻¹⁰) ) ⌉
///
/// with D_m(k) the k-th smallest demand of month m, k = ⌊n(1 − risk)⌋ + 1, so that
/// fewer than risk · n paths exceed it (P(over limit) < risk), and Q_m(q) the
/// q-quantile, so the q-level stays below the critical level. The factor
/// 1 + 2⁻¹⁰ covers the histogram's bin (relative error 2⁻¹¹).
///
/// Tools that size limits from the past (the Kubernetes VPA recommender, Robusta
/// KRR) answer "what did it use"; this answers "what will it need" over the months ahead.
public struct RightSizing: Sendable, Equatable {
    /// Which condition sets the limit.
    public enum Binding: String, Sendable, Equatable {
        /// P(over limit) < risk.
        case risk
        /// The q-quantile below the critical level.
        case critical
    }

    public var service: String
    /// The limit, MB.
    public var limitMB: Double
    /// It holds in months from…through (1-based).
    public var from: Int
    public var through: Int
    public var binding: Binding
    /// Physical memory per node the limits need with this one: Σ limits + reserved_mb, MB.
    public var nodeMemoryMB: Double

    /// - Precondition: `outlook` is a container's; 1 ≤ from ≤ through ≤ its months.
    init(_ outlook: ResourceOutlook, risk: Double, confidence q: Double, from: Int, through: Int,
         otherLimitsMB: Double, reservedMB: Double) {
        precondition(1 <= from && from <= through && through <= outlook.months.count, "a window within the horizon")
        let margin = 1 + 0x1p-10
        var forRisk = 0.0, forCritical = 0.0
        for month in outlook.months[(from - 1)..<through] {
            forRisk = max(forRisk, month.demandExceeded(byFewerThan: risk))
            forCritical = max(forCritical, month.distribution.quantile(q) / outlook.resource.levels.critical)
        }
        service = outlook.resource.name
        limitMB = (max(forRisk, forCritical) * margin).rounded(.up)
        self.from = from
        self.through = through
        binding = forRisk >= forCritical ? .risk : .critical
        nodeMemoryMB = otherLimitsMB + limitMB + reservedMB
    }
}
