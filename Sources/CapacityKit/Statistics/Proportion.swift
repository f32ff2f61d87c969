/// A Monte Carlo probability: `hits` of `trials`, with its standard error.
///
///     p̂ = hits / trials,   SE = √(p̂ (1 − p̂) / trials)
///
/// Counts are integers, so merging chunks in any order is exact.
public struct Proportion: Sendable, Equatable {
    public var hits: Int
    public var trials: Int

    public init(hits: Int = 0, trials: Int = 0) {
        self.hits = hits
        self.trials = trials
    }

    /// p̂, or 0 before any trial.
    public var estimate: Double { trials == 0 ? 0 : Double(hits) / Double(trials) }

    /// The binomial standard error of p̂.
    public var standardError: Double {
        guard trials > 0 else { return 0 }
        let p = estimate
        return (p * (1 - p) / Double(trials)).squareRoot()
    }

    /// The 95 % upper confidence bound of p when no trial hit, 3/n (the "rule of
    /// three": (1 − p)ⁿ = 0.05 gives p ≈ −ln 0.05 / n ≈ 3/n; Hanley & Lippman-Hand,
    /// JAMA 249, 1983); nil when some trial hit. Reported instead of a standard error of 0.
    public var upperBound95: Double? {
        hits == 0 && trials > 0 ? min(1, 3 / Double(trials)) : nil
    }

    /// The 95 % lower confidence bound when every trial hit, 1 − 3/n; nil otherwise.
    public var lowerBound95: Double? {
        hits == trials && trials > 0 ? max(0, 1 - 3 / Double(trials)) : nil
    }

    public static func + (lhs: Proportion, rhs: Proportion) -> Proportion {
        Proportion(hits: lhs.hits + rhs.hits, trials: lhs.trials + rhs.trials)
    }
}
