/// When the figure cannot move: a bounded figure that sits at its bound at
/// both ends of an input's swing, so the swing says nothing of that input's
/// effect (issue 25: `--metric p_fail` at 100 % at both ends of the growth
/// rate ranked growth 4th, by a 0.004-point swing, though it explains half of
/// the figure's variance).
///
/// Bounds, and how near a figure must be to sit at one:
///
///     p_fail              0 and 1, within 10⁻³ (0.1 points: the tables' 100.0 %)
///     p_unrecoverable     0 and 1, within 10⁻¹² (exact odds)
///     runway              0 and the horizon (no deadline within it), exactly
///     first_action_month  1 and months + 1 (nothing due within it), exactly
///
/// `memory_p90`, `cost` and `downtime` have no bound they stop at.
///
/// An input is *saturated* when the figure is at the same bound at its low and
/// at its high value (and it varies). The figure saturates when some input is,
/// or when the base case is at a bound. Then the ranking goes by what still
/// moves: the variance share, read across the base case's paths rather than at
/// the swing's ends. Inputs whose share is measurable — above 1 % and above
/// twice its standard error — come first, largest share first
/// (``rankedFirst``); the rest keep the swing order (their shares are noise, or
/// there are none). A metric or horizon that still moves is named (``suggestion``).
public struct SensitivitySaturation: Sendable, Equatable {
    /// What to use instead.
    public enum Suggestion: Sendable, Equatable {
        /// Another metric, which keeps moving where this one is stuck.
        case metric(SensitivityMetric)
        /// More `--months` (up to 120): nothing happens within the horizon.
        case moreMonths
        /// `--months` this many: the horizon at which the figure moves most in the base case
        /// (for `p_fail` at 100 %, the month whose P(fail) is nearest 50 %).
        case months(Int)
        /// None: the deployment's odds stay at 0 unless a rollback can fail.
        case rollbackThatCanFail
    }

    /// The bound the figure sits at (0 or 1 for a probability; a month count otherwise).
    public var bound: Double
    /// The saturated inputs (their keys), largest variance share first, then model order.
    public var inputs: [String]
    /// The base case is at the bound too.
    public var baseAtBound: Bool
    /// The inputs ranked ahead of the swing order, largest variance share first: those whose
    /// share exceeds 1 % and twice its standard error. Empty without variance shares.
    public var rankedFirst: [String]

    /// A variance share that is more than noise: above 1 % and above twice its standard error.
    static func isMeasurable(_ effect: SensitivityResult.Effect) -> Bool {
        guard let share = effect.varianceShare else { return false }
        return share > 0.01 && share > 2 * (effect.varianceShareStandardError ?? 0)
    }
    public var suggestion: Suggestion

    /// The bounds of `metric` over `months` months and how near counts as at one; empty
    /// for a figure without bounds.
    static func bounds(of metric: SensitivityMetric, months: Int) -> (values: [Double], tolerance: Double) {
        switch metric {
        case .pFail: ([0, 1], 1e-3)
        case .pUnrecoverable: ([0, 1], 1e-12)
        case .runway: ([0, Double(months)], 0)
        case .firstActionMonth: ([1, Double(months + 1)], 0)
        case .memoryP90, .cost, .downtime: ([], 0)
        }
    }

    /// The saturation of `effects` (every input, in model order or any order) around `base`;
    /// nil when nothing is saturated. `movingHorizon`: for `p_fail`, the month of the base case whose
    /// P(fail) is nearest 50 % (nil when every month's is at a bound).
    static func detect(metric: SensitivityMetric, months: Int, base: Double, effects: [SensitivityResult.Effect],
                       movingHorizon: Int? = nil) -> SensitivitySaturation? {
        let (bounds, tolerance) = bounds(of: metric, months: months)
        func bound(of value: Double) -> Double? { bounds.first { abs(value - $0) <= tolerance } }
        var clipped: [Double: [SensitivityResult.Effect]] = [:]
        for effect in effects where effect.input.varies {
            if let low = bound(of: effect.low), let high = bound(of: effect.high), low == high {
                clipped[low, default: []].append(effect)
            }
        }
        let baseBound = bound(of: base)
        // The bound most inputs sit at; the base case's when it is at one.
        guard let at = baseBound ?? clipped.max(by: { $0.value.count < $1.value.count })?.key else { return nil }
        let saturated = (clipped[at] ?? []).enumerated().sorted { a, b in
            let (x, y) = (a.element.varianceShare ?? 0, b.element.varianceShare ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        let rankedFirst = effects.enumerated()
            .filter { $0.element.input.varies && isMeasurable($0.element) }
            .sorted { a, b in
                let (x, y) = (a.element.varianceShare!, b.element.varianceShare!)
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
        let suggestion: Suggestion = switch (metric, at) {
        case (.pFail, 1): movingHorizon.map(Suggestion.months) ?? .metric(.memoryP90)   // fails everywhere: look earlier
        case (.pFail, _): .metric(.memoryP90)              // fails nowhere: how close it comes
        case (.runway, 0): .metric(.memoryP90)             // past the deadline from month 1
        case (.runway, _), (.firstActionMonth, Double(months + 1)): .moreMonths
        case (.firstActionMonth, _): .metric(.cost)
        default: .rollbackThatCanFail
        }
        return SensitivitySaturation(bound: at, inputs: saturated.map(\.input.key), baseAtBound: baseBound != nil,
                                     rankedFirst: rankedFirst.map(\.input.key), suggestion: suggestion)
    }
}
