/// The share of an output's variance that one input explains on its own, from
/// paired Monte Carlo draws: the first-order (main-effect, Sobol) index
///
///     S = Var(E[Y | T]) / Var(Y)
///
/// estimated by ranks: sort the n pairs (T, Y) on T, and compare each output
/// with the output of its neighbour in that order — neighbours have nearly the
/// same T, so their outputs differ only by what T does not explain:
///
///     Ŝ = 1 − Σᵢ (Y₍ᵢ₊₁₎ − Y₍ᵢ₎)² / (2 (n − 1) σ̂²),   σ̂² = Σ (Y − Ȳ)² / (n − 1),   clipped to [0, 1]
///
/// (Y₍ᵢ₎: the output of the pair with the i-th smallest T; the estimator of
/// Gamboa, Gremaud, Klein & Lagnoux, "Global sensitivity analysis: a novel
/// generation of mighty estimators based on rank statistics", Bernoulli 28(4),
/// 2022, in its difference form). For neighbours E[(Y₍ᵢ₊₁₎ − Y₍ᵢ₎)²] =
/// 2·E[Var(Y | T)] + (the change of E[Y | T] between them)², so the estimate
/// is consistent; its bias, −(Σ of those squared changes)/(2(n − 1)σ̂²), is
/// O(1/n²) for a smooth E[Y | T] and at most about 10⁻³ for the forecast's
/// outputs at 10⁵ paths. An input unrelated to Y gets 0 within its standard error.
///
/// What it is: the part of Var(Y) that knowing T alone removes. Correlated
/// inputs share what they explain (two perfectly correlated inputs each get
/// the share of both), so shares need not add up to 1: a sum above 1 says
/// inputs overlap, below 1 that they interact. An input that enters only
/// through several draws (monthly noise) is measured through a summary T of
/// them (their standardised sum, or the horizon month's draw); conditioning on
/// less gives a lower bound of the whole input's share.
///
/// The standard error is that of the mean of ``batches`` estimates on
/// consecutive tenths of the pairs: SE = sd(Ŝ_batch)/√10.
///
/// Complexity: O(n log n) time (one sort), O(n) memory.
public enum VarianceShare {
    /// Sub-samples whose spread gives the standard error.
    static let batches = 10
    /// The fewest pairs an estimate is made from.
    static let minimumPairs = 40

    /// The estimate and its standard error; nil when Y does not vary (no variance to share)
    /// or there are fewer than 40 pairs. Precondition: `input.count == output.count`.
    public static func estimate(input: [Double], output: [Double]) -> (share: Double, standardError: Double)? {
        precondition(input.count == output.count, "one input value per output")
        // One sort (ties by path index); each batch keeps the pairs of its range in the same order.
        let order = input.indices.sorted { (input[$0], $0) < (input[$1], $1) }
        guard let share = point(order, output) else { return nil }
        let size = input.count / batches
        let parts: [Double] = size < minimumPairs ? [] : (0..<batches).compactMap { batch in
            let range = (batch * size)..<((batch + 1) * size)
            return point(order.filter(range.contains), output)
        }
        guard parts.count >= 2 else { return (share, 0) }
        let mean = parts.reduce(0, +) / Double(parts.count)
        let variance = parts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(parts.count - 1)
        return (share, (variance / Double(parts.count)).squareRoot())
    }

    /// Ŝ of the pairs whose indices `order` lists, sorted by their input.
    static func point(_ order: [Int], _ output: [Double]) -> Double? {
        let n = order.count
        guard n >= minimumPairs else { return nil }
        // Scaled to at most 1 in size, so that squares of huge outputs stay finite.
        let scale = order.reduce(0.0) { max($0, abs(output[$1])) }
        guard scale > 0, scale.isFinite else { return nil }
        let y = { (index: Int) in output[index] / scale }
        let mean = order.reduce(0) { $0 + y($1) } / Double(n)
        let total = order.reduce(0) { $0 + (y($1) - mean) * (y($1) - mean) }
        guard total > Double(n) * 1e-24 else { return nil }  // an sd below 10⁻¹² of the size: rounding, not variance
        var differences = 0.0
        for i in 1..<n {
            let step = y(order[i]) - y(order[i - 1])
            differences += step * step
        }
        // Σ(ΔY)² / (2(n − 1)) estimates E[Var(Y | T)]; total / (n − 1) estimates Var(Y).
        let share = 1 - (differences / 2) / total
        return min(1, max(0, share))
    }
}
