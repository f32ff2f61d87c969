/// A probability estimated by simulation: `hits` of `trials`, with its standard error.
///
///     p̂ = hits / trials,   SE = √(p̂ (1 − p̂) / trials)
///
/// Counts are integers, so merging chunks gives the same figure on any thread count.
public struct SimulatedProbability: Sendable, Equatable {
    public var hits: Int
    public var trials: Int

    public init(hits: Int, trials: Int) {
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
}
