import Foundation

/// A connection pool as an M/M/c+D queue: Poisson arrivals of queries, c
/// connections held for exponential times of mean h, one first-come-first-served
/// queue, and every query giving up after exactly τ (`timeout_ms`) without a
/// connection. Exact stationary figures at any load — below, at and above
/// a = c — never infinite: nobody waits longer than τ.
///
/// Source: the M/M/n+G results of Baccelli & Hébuterne (1981) as given by
/// Zeltyn & Mandelbaum, "Call centers with impatient customers: many-server
/// asymptotics of the M/M/n+G queue", Queueing Systems 51 (2005) 361–402, §2:
/// the offered wait V (the wait of a query that would never give up) has an atom
/// at 0 and the density v(x) ∝ exp(λ·H(x) − nμx) on x > 0, H(x) = ∫₀ˣ (1 − G(u)) du,
/// and P(V > 0) = λJ/(ε + λJ) with J = ∫₀^∞ exp(λH(x) − nμx) dx and
/// ε = Σ_{j<n} (λ/μ)^j/j! ÷ (λ/μ)^(n−1)/(n−1)! = 1/B(n−1, a) (Erlang B).
/// For patience fixed at τ, H(x) = min(x, τ). In units of h (μ = 1, λ = a),
/// with δ = a − c and g = a·B(c−1, a), the three parts of V have the weights
///
///     V = 0:        1
///     0 < V ≤ τ:    g·∫₀^τ e^(δx) dx              (waits, then served)
///     V > τ:        g·e^(δτ)/c                    (times out after waiting τ)
///
/// and E[V; V ≤ τ] has the weight g·∫₀^τ x·e^(δx) dx. A query is served iff
/// V ≤ τ. Weights are scaled by e^(−max(δτ, 0)) and summed in logarithms, so
/// nothing overflows for c up to 10⁴ and any finite a (≥ 10⁶ included); the
/// integrals use `expm1` and, for |δτ| < ½, their Taylor series, so the figures
/// are continuous through a = c. Checked against a discrete-event simulation
/// (CapacityTestSupport `TimeoutQueueSimulation`) at ρ = 0.5, 0.9, 1 and 1.3.
public struct TimeoutQueue: Sendable, Equatable {
    /// Connections c.
    public let servers: Int
    /// Offered load a = λ·h, erlangs.
    public let offeredLoad: Double
    /// Mean time a query holds a connection, ms.
    public let holdMS: Double
    /// How long a query waits for a connection before giving up, ms.
    public let timeoutMS: Double

    /// P(V > 0): the share of queries that find every connection busy and wait
    /// (including those that then time out).
    public let pWait: Double
    /// P(V > τ): the share of queries that time out.
    public let timeoutShare: Double
    /// E[W | served]: mean wait of the queries that get a connection (zero waits included), ms.
    public let meanWaitServedMS: Double
    /// E[min(V, τ)]: mean wait of all queries, those that time out counting τ, ms.
    public let meanWaitMS: Double

    /// δ = a − c, per holding time.
    private let drift: Double
    /// τ/h.
    private let patience: Double
    /// log g = log(a·B(c−1, a)).
    private let logG: Double
    /// log of the weight of the whole distribution of V (the normaliser).
    private let logTotal: Double
    /// log of the weight of V > τ.
    private let logTimeout: Double

    /// - Precondition: `servers ≥ 1`, `offeredLoad ≥ 0`, `holdMS > 0`, `timeoutMS ≥ 0`, all finite
    ///   (the model loader's rules).
    public init(servers: Int, offeredLoad: Double, holdMS: Double, timeoutMS: Double) {
        precondition(servers >= 1 && offeredLoad >= 0 && offeredLoad.isFinite && holdMS > 0 && holdMS.isFinite
                     && timeoutMS >= 0 && timeoutMS.isFinite, "TimeoutQueue needs c ≥ 1, a ≥ 0, h > 0, τ ≥ 0")
        self.servers = servers
        self.offeredLoad = offeredLoad
        self.holdMS = holdMS
        self.timeoutMS = timeoutMS
        let c = Double(servers), a = offeredLoad
        let tau = min(timeoutMS / holdMS, .greatestFiniteMagnitude)
        let delta = a - c
        let s = delta * tau
        patience = tau
        drift = delta
        logG = log(a) + log(Erlang.lossProbability(servers: servers - 1, load: a))
        let logNone = -max(s, 0)                                   // V = 0
        let logServedWaiting = logG + Self.logIntegral(drift: delta, from: 0, to: tau)
        logTimeout = logG + min(s, 0) - log(c)
        let logWaitSum = logG + Self.logMomentIntegral(drift: delta, patience: tau)
        logTotal = Self.logSum([logNone, logServedWaiting, logTimeout])
        let logServed = Self.logSum([logNone, logServedWaiting])
        pWait = min(1, exp(Self.logSum([logServedWaiting, logTimeout]) - logTotal))
        timeoutShare = min(1, exp(logTimeout - logTotal))
        meanWaitServedMS = min(timeoutMS, exp(logWaitSum - logServed) * holdMS)
        meanWaitMS = min(timeoutMS, exp(Self.logSum([logWaitSum, log(tau) + logTimeout]) - logTotal) * holdMS)
    }

    /// Utilisation ρ = a/c (offered load relative to the connections; above 1 the pool is saturated).
    public var utilization: Double { offeredLoad / Double(servers) }

    /// P(V > min(t, τ)): the share of queries that wait longer than `ms` or time
    /// out; equal to P(wait > t) for t < τ, and to ``timeoutShare`` for t ≥ τ.
    public func pWaitOrTimeout(longerThanMS ms: Double) -> Double {
        let t = max(0, ms / holdMS)
        guard t < patience else { return timeoutShare }
        let logBeyond = logG + Self.logIntegral(drift: drift, from: t, to: patience)
        return min(1, exp(Self.logSum([logBeyond, logTimeout]) - logTotal))
    }

    // MARK: - Integrals (units of h, scaled by e^(−max(δτ, 0)))

    /// log ∫_t^τ e^(δx − max(δτ, 0)) dx, 0 ≤ t ≤ τ:
    /// δ ≤ 0: e^(δt)·(1 − e^(−|δ|L))/|δ|; δ > 0: (1 − e^(−δL))/δ; δ = 0: L; L = τ − t.
    static func logIntegral(drift delta: Double, from t: Double, to tau: Double) -> Double {
        let length = tau - t
        if delta == 0 { return log(length) }
        let part = log(-expm1(-abs(delta) * length)) - log(abs(delta))
        return delta < 0 ? delta * t + part : part
    }

    /// log ∫₀^τ x·e^(δx − max(δτ, 0)) dx, with z = |δ|τ:
    ///
    ///     δ = 0:           τ²/2
    ///     z < ½:           τ²·Σ_k (−z)^k/(k!(k+2))   (δ < 0)   or   τ²·Σ_k (−z)^k/(k+2)!   (δ > 0)
    ///     δ < 0, z ≥ ½:    (1 − e^(−z)(1 + z))/δ²
    ///     δ > 0, z ≥ ½:    (τ/δ)·(1 − (1 − e^(−z))/z)
    static func logMomentIntegral(drift delta: Double, patience tau: Double) -> Double {
        let z = abs(delta) * tau
        if delta == 0 { return 2 * log(tau) - log(2.0) }
        if z < 0.5 {
            var sum = 0.0, power = 1.0, factorial = 1.0
            for k in 0..<24 {
                let kd = Double(k)
                if k > 0 { power *= -z; factorial *= kd }
                sum += delta < 0 ? power / (factorial * (kd + 2)) : power / (factorial * (kd + 1) * (kd + 2))
            }
            return 2 * log(tau) + log(sum)
        }
        if delta < 0 {
            let tail = z < 1000 ? z * exp(-z) : 0
            return log(-expm1(-z) - tail) - 2 * log(-delta)
        }
        return log(tau) - log(delta) + log(1 - (-expm1(-z)) / z)
    }

    /// log Σ e^(xᵢ) without overflow; −∞ when every term is −∞.
    static func logSum(_ terms: [Double]) -> Double {
        let largest = terms.max() ?? -.infinity
        guard largest > -.infinity else { return -.infinity }
        return largest + log(terms.reduce(0) { $0 + exp($1 - largest) })
    }
}
