import Foundation

/// The exact steady-state availability of one component, its share of the
/// system's downtime, and what one more replica would buy.
///
/// A component is `replicas` identical, independent replicas of which
/// `required` must be up (k-of-n). Each replica has the availability of its
/// ``Model/Reliability``. Without failover:
///
///     A = Σ_{j=k..n} C(n,j) Aᵣʲ (1 − Aᵣ)ⁿ⁻ʲ
///
/// **Failover model** (when `failoverSuccessRate` s is set and n > k): the
/// first k replicas are active, the other n − k are standbys. When an active
/// replica fails, its work switches to a standby; the switch-over succeeds with
/// probability s, independently each time. When it fails, the component is down
/// until that replica is repaired. A standby's failure needs no switch-over, and
/// switching back after a repair is planned and assumed clean. So the component
/// is up when every down active replica was switched over successfully and at
/// least as many standbys are up as active replicas are down (at least k up):
///
///     A = Σ_{d=0..k} C(k,d) Aᵣᵏ⁻ᵈ (s(1 − Aᵣ))ᵈ · P(Bin(n − k, Aᵣ) ≥ d)
///
/// For 1-of-2 this is Aᵣ + s·Aᵣ(1 − Aᵣ), the standby pair with imperfect
/// switching; s = 1 gives the k-of-n sum above, s = 0 gives Aᵣᵏ (the standbys
/// never help), and with no standby (n = k) s plays no part.
///
/// The formulas hold for steady-state time averages of independent alternating
/// up/down replicas whatever the distributions of their up and repair times,
/// which is why ``OutageSimulation`` reproduces them.
public struct ComponentAvailability: Sendable, Equatable {
    public let name: String
    /// False for components off the user-facing path: reported, not in the system figure.
    public let criticalPath: Bool
    public let replicas: Int
    public let required: Int
    /// Probability that a switch-over to a standby succeeds; nil when not modelled.
    public let failoverSuccessRate: Double?
    /// The reliability the model gives for one replica.
    public let reliability: Model.Reliability
    /// Steady-state availability of one replica.
    public let replicaAvailability: Double
    /// Steady-state availability of the component, all replicas considered.
    public let availability: Double
    /// 1 − availability, computed without cancellation.
    public let unavailability: Double
    /// Expected downtime of this component on its own.
    public let downtime: Downtime
    /// This component's share of the system's expected downtime, Uᵢ / Σ_critical Uⱼ
    /// (the first-order split, exact as U → 0; the shares sum to 1). Nil off the
    /// critical path; 0 when no critical component ever fails.
    public let downtimeShare: Double?
    /// Component availability with replicas + 1 (same `required`; one more standby under failover).
    public let availabilityWithOneMoreReplica: Double
    /// System availability if this component had one more replica (unchanged off the critical path).
    public let systemAvailabilityWithOneMoreReplica: Double
    /// The system availability gained by that replica (≥ 0).
    public let systemAvailabilityGain: Double

    /// −log₁₀(1 − A): 3 for 99.9 %; nil when the component has no downtime at all
    /// (U = 0: its replicas never fail, their repairs take no time, or U lies below
    /// the smallest double), which no finite number of nines describes.
    public var nines: Double? { unavailability > 0 ? -log10(unavailability) : nil }

    /// Expected system downtime saved per year (365 days) by one more replica, minutes.
    public var downtimeSavedMinutesPerYear: Double { systemAvailabilityGain * Downtime.Period.year.minutes }

    /// - Parameters:
    ///   - othersUnavailability: unavailability of the series of the *other*
    ///     critical components (for an off-path component: of all of them).
    ///   - criticalUnavailabilitySum: Σ Uⱼ over the critical components, this one included if critical.
    init(_ component: Model.Component, othersUnavailability: Double, criticalUnavailabilitySum: Double) {
        let replicaUnavailability = component.reliability.unavailability
        let successRate = component.failoverSuccessRate ?? 1
        let unavailability = Self.unavailability(
            replicaUnavailability: replicaUnavailability, replicas: component.replicas,
            required: component.required, failoverSuccessRate: successRate)
        let unavailabilityWithOneMore = Self.unavailability(
            replicaUnavailability: replicaUnavailability, replicas: component.replicas + 1,
            required: component.required, failoverSuccessRate: successRate)

        name = component.name
        criticalPath = component.criticalPath
        replicas = component.replicas
        required = component.required
        failoverSuccessRate = component.failoverSuccessRate
        reliability = component.reliability
        replicaAvailability = 1 - replicaUnavailability
        availability = 1 - unavailability
        self.unavailability = unavailability
        downtime = Downtime(unavailability: unavailability)
        availabilityWithOneMoreReplica = 1 - unavailabilityWithOneMore

        if component.criticalPath {
            let system = AvailabilityAnalysis.seriesUnavailability([othersUnavailability, unavailability])
            let improved = AvailabilityAnalysis.seriesUnavailability([othersUnavailability, unavailabilityWithOneMore])
            downtimeShare = criticalUnavailabilitySum > 0 ? unavailability / criticalUnavailabilitySum : 0
            systemAvailabilityWithOneMoreReplica = 1 - improved
            systemAvailabilityGain = max(0, system - improved)
        } else {
            downtimeShare = nil
            systemAvailabilityWithOneMoreReplica = 1 - othersUnavailability
            systemAvailabilityGain = 0
        }
    }

    /// Unavailability of k-of-n identical independent replicas whose active
    /// replicas fail over with success probability s (s = 1: plain k-of-n):
    ///
    ///     U = 1 − (1 − q(1 − s))ᵏ                                   (a failed switch-over)
    ///       + Σ_{d=1..k} C(k,d) (1 − q)ᵏ⁻ᵈ (s·q)ᵈ · P(Bin(n − k, 1 − q) ≤ d − 1)   (too few up)
    ///
    /// with q the replica unavailability. The two events are disjoint, and every
    /// term is small when q is, so U keeps full relative precision down to
    /// U ≈ 1e-300 (1-of-3 at q = 1e-6 gives 1e-18, where 1 − A would be 0).
    /// Terms are formed from logarithms (a log-factorial table), so any n that
    /// fits in memory works; a single replica returns q itself, exactly.
    ///
    /// - Precondition: q, s in [0, 1]; 1 ≤ k ≤ n.
    static func unavailability(replicaUnavailability q: Double, replicas n: Int, required k: Int,
                               failoverSuccessRate s: Double) -> Double {
        precondition(q >= 0 && q <= 1 && s >= 0 && s <= 1, "q and s must be probabilities")
        precondition(k >= 1 && k <= n, "need 1 ≤ required ≤ replicas")
        if q == 0 || q == 1 || n == 1 { return q }
        let standbys = n - k
        let logFactorial = logFactorials(upTo: n)
        func logChoose(_ n: Int, _ j: Int) -> Double { logFactorial[n] - logFactorial[j] - logFactorial[n - j] }
        let logUp = log1p(-q), logDown = log(q), logSwitchedDown = log(s * q)

        var u = -expm1(Double(k) * log1p(-q * (1 - s)))
        for down in 1...k {
            // d active replicas down, each switched over; fewer than d standbys up.
            let activeDown = exp(logChoose(k, down) + Double(k - down) * logUp + Double(down) * logSwitchedDown)
            guard activeDown > 0 else { continue }
            var standbysShort = 1.0
            if down - 1 < standbys {
                standbysShort = 0
                for up in 0...(down - 1) {
                    standbysShort += exp(logChoose(standbys, up) + Double(up) * logUp
                                         + Double(standbys - up) * logDown)
                }
            }
            u += activeDown * standbysShort
        }
        return min(u, 1)
    }

    /// ln(i!) for i in 0...n, by summing logarithms.
    private static func logFactorials(upTo n: Int) -> [Double] {
        var table = [0.0]
        table.reserveCapacity(n + 1)
        for i in stride(from: 1, through: n, by: 1) { table.append(table[i - 1] + log(Double(i))) }
        return table
    }
}
