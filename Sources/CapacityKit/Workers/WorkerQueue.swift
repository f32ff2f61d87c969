import Foundation

/// The response time of a worker pool: `workers` (c) requests served at once, Poisson
/// arrivals at `rps` (λ), one FIFO queue, no abandonment; all times in ms.
///
/// **Exponential service** (mean 1/μ): the exact M/M/c response time T = W + S,
///
///     P(T > t) = e^(−μt) + C·μ·(e^(−μt) − e^(−θt)) / (θ − μ),   θ = cμ − λ,
///
/// with C = Erlang C(c, a = λ/μ) (``Erlang``); at θ = μ the limit e^(−μt)·(1 + Cμt),
/// evaluated without cancellation for θ near μ. Source: Gross, Shortle, Thompson &
/// Harris, *Fundamentals of Queueing Theory*, 4th ed. (2008), the M/M/c
/// waiting-time distribution (§2.3); for c = 1 it is e^(−(μ−λ)t), so P95 = ln 20/(μ − λ).
///
/// **Service given by P50 and P95** (lognormal, ``ServiceTime``): an M/G/c
/// approximation. The wait keeps M/M/c's delay probability C (Erlang C at a = λ·E[S])
/// and, given a wait, is exponential with the two-moment mean of Lee & Longton
/// ("Queueing processes associated with airline passenger check-in", Oper. Res.
/// Quarterly 10, 1959) — the Allen–Cunneen approximation with Poisson arrivals
/// (Allen, *Probability, Statistics, and Queueing Theory*, 2nd ed. 1990):
///
///     P(W > t) ≈ C·e^(−κt),   κ = (cμ − λ) · 2/(1 + c_s²),   μ = 1/E[S]
///
/// (the exponential approximation of the conditional wait that Tijms, *A First Course
/// in Stochastic Models*, Wiley 2003, discusses for M/G/c), and the response is wait +
/// service, W and S taken as independent:
///
///     P(T > t) = P(S > t) + C·∫₀ᵗ f_S(s)·e^(−κ(t−s)) ds
///
/// integrated numerically in the lognormal's own coordinate z = (ln s − ln p50)/σ
/// (8-point Gauss–Legendre panels of width ≤ ¼, refined geometrically towards s = t
/// where e^(−κ(t−s)) changes fastest; quadrature error below 10⁻¹²). With
/// exponential service it is the exact formula above. Against a discrete-event
/// M/G/c simulation the approximation's P50/P95/P99 came within 3 % (c = 1…16,
/// ρ = 0.7…0.9, c_s² = 0.3…1.0; `WorkerQueueSimulationTests`).
///
/// ρ = a/c ≥ 1 is **saturation**: the queue grows without bound, every percentile is
/// unbounded, so ``quantile(_:)`` is nil and ``survival(_:)`` is 1 — never ∞ or NaN.
public struct WorkerQueue: Sendable {
    public let workers: Int
    /// Arrivals, requests/s.
    public let rps: Double
    public let service: ServiceTime
    /// a = λ·E[S], erlangs.
    public let offeredLoad: Double
    /// P(a request waits): Erlang C(c, a); 1 when saturated.
    public let pWait: Double
    /// κ, the decay rate of a wait's tail, per ms (θ = cμ − λ for exponential service); 0 when saturated.
    public let waitDecayPerMS: Double

    /// - Precondition: workers ≥ 1, rps ≥ 0 finite.
    public init(rps: Double, workers: Int, service: ServiceTime) {
        precondition(workers >= 1 && rps >= 0 && rps.isFinite, "a worker queue needs c ≥ 1 and a finite rps ≥ 0")
        self.rps = rps
        self.workers = workers
        self.service = service
        let a = rps / 1000 * service.meanMS
        offeredLoad = a
        let c = Double(workers)
        pWait = Erlang.waitProbability(servers: workers, load: a)
        waitDecayPerMS = a < c ? (c - a) / service.meanMS * 2 / (1 + service.squaredCV) : 0
    }

    /// ρ = a/c.
    public var utilization: Double { offeredLoad / Double(workers) }
    /// ρ ≥ 1: no steady state.
    public var isSaturated: Bool { offeredLoad >= Double(workers) }
    /// Mean wait of all requests, ms: C/κ (exact for exponential service); nil when saturated.
    public var meanWaitMS: Double? { isSaturated ? nil : pWait / waitDecayPerMS }

    /// P(T > t), t in ms; 1 when saturated.
    public func survival(_ t: Double) -> Double {
        guard !isSaturated else { return 1 }
        guard t > 0 else { return 1 }
        let value: Double
        switch service.shape {
        case .exponential:
            let mu = 1 / service.meanMS, theta = waitDecayPerMS
            value = exp(-mu * t) + pWait * mu * Self.exponentialDifference(mu, theta, t)
        case .lognormal(let logMedian, let logSD):
            value = service.survival(t) + pWait * Self.waitConvolution(t: t, decay: waitDecayPerMS,
                                                                       logMedian: logMedian, logSD: logSD)
        }
        return min(1, max(0, value))
    }

    /// The q-quantile of the response time, ms, for q in (0, 1); nil when saturated.
    /// Bisection on the decreasing survival between 0 and a bound where it is below
    /// 1 − q (P(W > t/2) + P(S > t/2) ≤ 1 − q), to a relative 10⁻¹⁴.
    public func quantile(_ q: Double) -> Double? {
        precondition(q > 0 && q < 1, "a quantile level in (0, 1)")
        guard !isSaturated else { return nil }
        let p = 1 - q
        let waitBound = 2 * pWait > p ? log(2 * pWait / p) / waitDecayPerMS : 0
        let bound = 2 * max(waitBound, service.quantile(1 - p / 2), Double.leastNormalMagnitude)
        return Bisection.edge(low: 0, high: bound, relative: 1e-14) { survival($0) > p }.fails
    }

    /// (e^(−μt) − e^(−θt))/(θ − μ), symmetric in μ and θ: e^(−mt)·t·(1 − e^(−dt))/(dt) with
    /// m = min, d = |θ − μ| (→ t·e^(−μt) as θ → μ), so nothing cancels near θ = μ.
    static func exponentialDifference(_ mu: Double, _ theta: Double, _ t: Double) -> Double {
        let m = min(mu, theta), x = abs(theta - mu) * t
        let ratio = x > 0 ? -expm1(-x) / x : 1
        return exp(-m * t) * t * ratio
    }

    /// ∫₀ᵗ f_S(s)·e^(−κ(t−s)) ds for ln S ~ N(logMedian, logSD²), as ∫ φ(z)·e^(−κ(t − s(z))) dz
    /// over z ∈ [−10, min(z_t, 10)] (φ outside holds < 10⁻²³), s(z) = e^(logMedian + logSD·z).
    static func waitConvolution(t: Double, decay kappa: Double, logMedian: Double, logSD sigma: Double) -> Double {
        let zt = (log(t) - logMedian) / sigma
        let lower = -10.0, upper = min(zt, 10)
        guard upper > lower else { return 0 }
        var breaks: [Double] = []
        var z = lower
        while z < upper { breaks.append(z); z += 0.25 }
        // e^(−κ(t − s)) falls by e per 1/(κ·t·σ) in z below z_t: panels doubling from there.
        let layer = 1 / (kappa * t * sigma)
        if layer.isFinite, layer < 0.25 {
            var width = layer
            while width < upper - lower { if zt - width > lower && zt - width < upper { breaks.append(zt - width) }; width *= 2 }
        }
        breaks.append(upper)
        breaks.sort()
        var total = 0.0
        for (a, b) in zip(breaks, breaks.dropFirst()) where b > a {
            let half = (b - a) / 2, middle = (a + b) / 2
            for (node, weight) in GaussLegendre.eight {
                let z = middle + half * node
                let s = exp(logMedian + sigma * z)
                total += half * weight * exp(-z * z / 2 - kappa * max(0, t - s))
            }
        }
        return total * 0.39894228040143267794  // 1/√(2π)
    }
}

/// Gauss–Legendre quadrature nodes and weights on [−1, 1] (Abramowitz & Stegun, Table 25.4).
enum GaussLegendre {
    static let eight: [(node: Double, weight: Double)] = [
        (-0.9602898564975362, 0.10122853629037706), (-0.7966664774136267, 0.22238103445337443),
        (-0.525532409916329, 0.3137066458778869), (-0.18343464249564978, 0.36268378337836166),
        (0.18343464249564978, 0.36268378337836166), (0.525532409916329, 0.3137066458778869),
        (0.7966664774136267, 0.22238103445337443), (0.9602898564975362, 0.10122853629037706),
    ]
}
