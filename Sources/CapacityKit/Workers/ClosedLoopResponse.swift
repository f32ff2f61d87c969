import Foundation

/// The response time in a closed-loop load test with zero think time: `users` virtual users
/// each send their next request as soon as the previous one returns, to a pool of `workers`
/// with exponential service of mean S. Times in units of S.
///
/// With zero think time all N requests are always in the pool; a new one finds the other
/// N − 1 there (the arrival theorem of closed networks — Lavenberg & Reiser, J. Appl. Prob.
/// 17, 1980; Sevcik & Mitrani, JACM 28, 1981 — holds trivially here). When N > c it waits
/// for N − c completions, each at rate c/S while every worker is busy, then is served:
///
///     T = Erlang(k, c) + Exp(1),   k = max(0, N − c)     (units of S; E[T] = max(1, N/c))
///
///     P(T > t) = e^(−t)                                         k = 0
///              = P(Poisson(t) ≤ k)                               c = 1 (T is Erlang(k + 1, 1))
///              = P(Poisson(ct) ≤ k − 1)
///                + e^(−t)·(c/(c−1))^k·P(Poisson((c−1)t) ≥ k)      c ≥ 2
///
/// (the second term is ∫₀ᵗ f_G(g)·e^(−(t−g)) dg, computed in logarithms so that neither
/// factor overflows). Exact for exponential service; the mean, max(1, N/c)·S, holds for any
/// service distribution (Little's law).
public enum ClosedLoopResponse {
    /// P(T > t) for `users` N ≥ 1 and `workers` c ≥ 1, t in units of S.
    public static func survival(_ t: Double, users: Int, workers: Int) -> Double {
        precondition(users >= 1 && workers >= 1, "a closed loop needs N ≥ 1 users and c ≥ 1 workers")
        guard t > 0 else { return 1 }
        let k = max(0, users - workers), c = Double(workers)
        if k == 0 { return exp(-t) }
        if workers == 1 { return min(1, exp(logPoissonSum(t, from: 0, through: k))) }
        let queued = exp(logPoissonSum(c * t, from: 0, through: k - 1))
        let served = exp(-t + Double(k) * log(c / (c - 1)) + logPoissonSum((c - 1) * t, from: k, through: .max))
        return min(1, queued + served)
    }

    /// The `level` quantile of T, units of S, for level in (0, 1): bisection between 0 and
    /// E[T]/(1 − level) (Markov's bound), to a relative 10⁻¹².
    public static func quantile(_ level: Double, users: Int, workers: Int) -> Double {
        precondition(level > 0 && level < 1, "a quantile level in (0, 1)")
        let p = 1 - level
        if users <= workers { return -log(p) }
        let markov = max(1, Double(users) / Double(workers)) / p
        return Bisection.edge(low: 0, high: markov, relative: 1e-12) { survival($0, users: users, workers: workers) > p }.fails
    }

    /// ln Σⱼ₌ₐᵇ e^(−x)·xʲ/j!, summed outward from the largest term until the terms fall below
    /// 10⁻¹⁷ of it (the log-pmf is concave in j); −∞ for an empty range.
    static func logPoissonSum(_ x: Double, from a: Int, through b: Int) -> Double {
        guard a <= b else { return -.infinity }
        guard x > 0 else { return a == 0 ? 0 : -.infinity }
        let logX = log(x)
        func term(_ j: Int) -> Double { -x + Double(j) * logX - lgamma(Double(j) + 1) }
        let peak = min(max(Int(min(x, 1e15).rounded(.down)), a), b)
        let top = term(peak)
        var sum = 1.0
        var j = peak
        while j < b {
            j += 1
            let ratio = exp(term(j) - top)
            sum += ratio
            if ratio < 1e-17 { break }
        }
        j = peak
        while j > a {
            j -= 1
            let ratio = exp(term(j) - top)
            sum += ratio
            if ratio < 1e-17 { break }
        }
        return top + log(sum)
    }
}
