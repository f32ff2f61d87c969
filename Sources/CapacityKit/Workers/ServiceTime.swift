import Foundation

/// The distribution of the time a worker spends on one request, ms.
///
/// - `service_ms: S` (the mean): exponential, P(S > t) = e^(−t/S), squared coefficient
///   of variation c_s² = 1 — the M/M/c case, whose response time is exact (``WorkerQueue``).
/// - `service_ms: {p50, p95}` (measured): the lognormal through both percentiles,
///
///       ln S ~ N(ln p50, σ²),   σ = ln(p95/p50) / z₀.₉₅,   z₀.₉₅ = Φ⁻¹(0.95) = 1.6448536…
///       E[S] = p50·e^(σ²/2),    c_s² = e^(σ²) − 1
///
///   (the moments of the lognormal: Johnson, Kotz & Balakrishnan, *Continuous Univariate
///   Distributions* vol. 1, 2nd ed. 1994, ch. 14). Domain: 0 < p50 < p95 ≤ 100·p50 (σ ≤ 2.8).
public struct ServiceTime: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case exponential
        /// ln S ~ N(logMedian, logSD²).
        case lognormal(logMedian: Double, logSD: Double)
    }

    public let shape: Shape
    /// E[S], ms.
    public let meanMS: Double
    /// c_s² = Var[S] / E[S]².
    public let squaredCV: Double

    /// Φ⁻¹(0.95), the standard normal's 95th percentile.
    public static let z95 = 1.6448536269514722

    /// Exponential with mean `meanMS` > 0.
    public init(meanMS: Double) {
        precondition(meanMS > 0 && meanMS.isFinite, "a service time needs a finite mean > 0")
        shape = .exponential
        self.meanMS = meanMS
        squaredCV = 1
    }

    /// The lognormal through P50 = `p50MS` and P95 = `p95MS` (0 < p50 < p95).
    public init(p50MS: Double, p95MS: Double) {
        precondition(p50MS > 0 && p95MS > p50MS && p95MS.isFinite, "a lognormal service time needs 0 < p50 < p95")
        let sigma = log(p95MS / p50MS) / Self.z95
        shape = .lognormal(logMedian: log(p50MS), logSD: sigma)
        meanMS = p50MS * exp(sigma * sigma / 2)
        squaredCV = expm1(sigma * sigma)
    }

    /// The model file's form: a mean (exponential) or P50 and P95 (lognormal).
    public init(_ spec: Model.ServiceTimeSpec) {
        switch spec {
        case .mean(let mean): self.init(meanMS: mean)
        case .percentiles(let p50, let p95): self.init(p50MS: p50, p95MS: p95)
        }
    }

    /// P(S > t), t in ms.
    public func survival(_ t: Double) -> Double {
        guard t > 0 else { return 1 }
        switch shape {
        case .exponential: return exp(-t / meanMS)
        case .lognormal(let m, let s): return Normal.cdf(-(log(t) - m) / s)
        }
    }

    /// The q-quantile of S, ms, for q in [0, 1).
    public func quantile(_ q: Double) -> Double {
        precondition(q >= 0 && q < 1, "a quantile level in [0, 1)")
        switch shape {
        case .exponential: return -meanMS * log1p(-q)
        case .lognormal(let m, let s): return q == 0 ? 0 : exp(m + s * Normal.quantile(q))
        }
    }
}
