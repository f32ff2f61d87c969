import Foundation

/// Statistical checks for samplers: Kolmogorov–Smirnov against an exact CDF
/// and sample moments against their standard errors.
public enum GoodnessOfFit {
    /// The one-sample KS statistic Dₙ = sup |Fₙ(x) − F(x)|.
    public static func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        return d
    }

    /// An upper bound on Dₙ = sup |Fₙ(x) − F(x)| from binned counts, for samples too large to
    /// sort (10⁷ values in a debug build): `cumulative[j]` values of `count` lie below
    /// `edges[j]` (increasing). On [eⱼ, eⱼ₊₁) Fₙ lies in [Cⱼ/n, Cⱼ₊₁/n] and F in
    /// [F(eⱼ), F(eⱼ₊₁)], so
    ///
    ///     Dₙ ≤ max over j of max(Cⱼ₊₁/n − F(eⱼ), F(eⱼ₊₁) − Cⱼ/n)
    ///
    /// with the two open ends (below e₀, at or above the last edge) alike. The bound exceeds
    /// Dₙ by at most the largest bin's share of the sample or of F.
    public static func kolmogorovSmirnovBound(cumulative: [Int], edges: [Double], count: Int,
                                              cdf: (Double) -> Double) -> Double {
        precondition(cumulative.count == edges.count && !edges.isEmpty, "one cumulative count per edge")
        let n = Double(count), f = edges.map(cdf)
        var d = max(Double(cumulative[0]) / n, f[0], 1 - Double(cumulative[edges.count - 1]) / n, 1 - f[edges.count - 1])
        for j in 0..<(edges.count - 1) {
            d = max(d, Double(cumulative[j + 1]) / n - f[j], f[j + 1] - Double(cumulative[j]) / n)
        }
        return d
    }

    /// P(Dₙ ≥ d) from Kolmogorov's limiting distribution with Stephens' small-sample
    /// correction: Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²), λ = (√n + 0.12 + 0.11/√n)·d
    /// (Numerical Recipes, 3rd ed., §14.3.3).
    public static func kolmogorovPValue(_ d: Double, count: Int) -> Double {
        let root = Double(count).squareRoot()
        let lambda = (root + 0.12 + 0.11 / root) * d
        if lambda < 0.2 { return 1 }
        var sum = 0.0, sign = 1.0
        for k in 1...100 {
            let term = sign * exp(-2 * Double(k * k) * lambda * lambda)
            sum += term
            if abs(term) < 1e-12 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }

    /// Sample mean and the standard error of the mean, s/√n.
    public static func meanAndStandardError(_ sample: [Double]) -> (mean: Double, standardError: Double) {
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let variance = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    /// Sample variance and its standard error for a distribution of kurtosis κ:
    /// SE(s²) ≈ σ² √((κ − 1)/n), with κ the (non-excess) fourth standardised moment.
    public static func varianceAndStandardError(_ sample: [Double], kurtosis: Double) -> (variance: Double, standardError: Double) {
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let variance = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (variance, variance * ((kurtosis - 1) / n).squareRoot())
    }
}
