/// The capacity a resource needs in one month to pass the deadline rule
/// (P(fail) below the risk level, the q-quantile below the critical level),
/// read from the month's demand histogram:
///
///     memory (MB), a worker pool's rate within its SLO (rps per node), cores per node:
///                          need = max( D(k),  Q(q) / critical ) · (1 + 2⁻¹⁰)
///     connections:         need = ⌊ max( D(k),  Q(q) / critical ) · (1 + 2⁻¹⁰) ⌋ + 1
///
/// with D(k) the k-th smallest demand of the month, k = ⌊n(1 − risk)⌋ + 1, so that
/// fewer than risk · n paths exceed it (memory fails above its capacity, a pool at
/// load ≥ its connections, hence the + 1), and Q(q) the q-quantile of demand. The
/// factor 1 + 2⁻¹⁰ covers the histogram's bin (relative error 2⁻¹¹).
///
/// Tools that size limits from the past (the Kubernetes VPA recommender, Robusta
/// KRR) answer "what did it use"; this answers "what will it need" in the months ahead.
public enum CapacityNeed {
    /// The memory (host usable per node, or a container's limit), MB, that `month`'s demand needs; for a
    /// worker pool, the rate within its SLO (rps per node), and for its CPU, the cores per node.
    static func memoryMB(_ month: ResourceMonth, risk: Double, confidence q: Double, critical: Double) -> Double {
        bound(month, risk: risk, confidence: q, critical: critical)
    }

    /// The server connections a pool needs for `month`'s offered load.
    static func connections(_ month: ResourceMonth, risk: Double, confidence q: Double, critical: Double) -> Int {
        Int(min(bound(month, risk: risk, confidence: q, critical: critical).rounded(.down) + 1, Double(Int.max / 4)))
    }

    /// max(D(k), Q(q) / critical) · (1 + 2⁻¹⁰), in the resource's unit.
    private static func bound(_ month: ResourceMonth, risk: Double, confidence q: Double, critical: Double) -> Double {
        max(month.demandBound(byFewerThan: risk), month.distribution.quantile(q) / critical * month.binMargin)
    }

    /// The capacity at which the q-quantile of `month`'s demand reaches `level` (warn): q-quantile ÷ level.
    static func atLevel(_ month: ResourceMonth, confidence q: Double, level: Double) -> Double {
        month.distribution.quantile(q) / level
    }
}

/// A month's memory need as read from its histogram, kept in parts so that it can be
/// taken with δ MB more on every path (the memory of a plan's added workers, the same on
/// every path: every rank and quantile moves by δ):
///
///     need(δ)    = max( D(k) + δ,  (Q(q) + δ) / critical ) · (1 + w)      (``CapacityNeed``'s rule)
///     at warn(δ) = (Q(q) + δ) / warn
///
/// At δ = 0 these are ``CapacityNeed/memoryMB(_:risk:confidence:critical:)`` and
/// ``CapacityNeed/atLevel(_:confidence:level:)``, value for value.
struct MemoryNeed: Sendable, Equatable {
    /// D(k), MB.
    var tail: Double
    /// Q(q), MB.
    var quantile: Double
    /// 1 + w, the histogram's bin margin.
    var margin: Double
    var critical: Double
    var warn: Double

    init(_ month: ResourceMonth, risk: Double, confidence q: Double, critical: Double, warn: Double) {
        tail = month.demandExceeded(byFewerThan: risk)
        quantile = month.distribution.quantile(q)
        margin = month.binMargin
        self.critical = critical
        self.warn = warn
    }

    /// The capacity the month needs with `delta` MB more on every path.
    func need(plus delta: Double) -> Double {
        delta == 0 ? max(tail * margin, quantile / critical * margin) : max((tail + delta) * margin, (quantile + delta) / critical * margin)
    }

    /// The capacity at which its q-quantile with `delta` MB more reaches warn.
    func atWarn(plus delta: Double) -> Double { (quantile + delta) / warn }
}
