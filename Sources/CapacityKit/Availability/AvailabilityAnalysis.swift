import Foundation

/// The exact steady-state availability of a system, its downtime over each
/// SLA period, its error budget, and each component's part in it.
///
/// The system is the series of its critical-path components, assumed to fail
/// independently:
///
///     A = Π_critical Aᵢ,   U = 1 − A
///
/// with each Aᵢ from ``ComponentAvailability`` (k-of-n, MTBF/MTTR, failover).
/// Components with `criticalPath == false` are reported but not multiplied in.
/// Unavailabilities are carried instead of availabilities so that "nines" and
/// downtimes keep full precision near A = 1.
///
/// Seed 000: database 99.9 %, API 99.95 %, cache 99.95 % in series give
/// 99.800 % (17.51 h a year), not the 99.85 % it claims; with monitoring
/// (99.8 %) on the path, 99.600 %.
///
/// The input is a validated model (the model loader checks it): target and
/// availabilities in [0, 1], MTBF > 0, MTTR ≥ 0, 1 ≤ required ≤ replicas,
/// failover success rate in [0, 1], at least one component.
public struct AvailabilityAnalysis: Sendable, Equatable {
    /// The availability the system should reach.
    public let target: Double
    /// Steady-state availability of the system (critical components in series).
    public let availability: Double
    /// 1 − availability, computed without cancellation.
    public let unavailability: Double
    /// Expected downtime of the system per year, quarter and 30 days.
    public let downtime: Downtime
    /// Downtime the target allows per period (the error budget): 1 − target times the period.
    public let errorBudget: Downtime
    /// Every component, weakest first: critical components by their share of the
    /// expected downtime (largest first), then the off-path ones by unavailability;
    /// ties keep the model's order.
    public let components: [ComponentAvailability]

    /// True when the expected availability reaches the target (U ≤ 1 − target).
    public var meetsTarget: Bool { unavailability <= errorBudget.unavailability }

    /// Expected downtime as a fraction of the error budget, U / (1 − target):
    /// above 1 the budget is overspent on average. Nil when the target is 1 (no budget).
    public var errorBudgetUsed: Double? {
        errorBudget.unavailability > 0 ? unavailability / errorBudget.unavailability : nil
    }

    /// −log₁₀(1 − A): 3 for 99.9 %, 2.6 for 99.75 %; nil when the system has no
    /// downtime at all (U = 0: no critical component can fail), which no finite
    /// number of nines describes.
    public var nines: Double? { unavailability > 0 ? -log10(unavailability) : nil }

    /// True when nothing on the critical path can take the system down (U = 0).
    public var hasNoDowntime: Bool { unavailability == 0 }

    /// Analyses a validated availability section (see the type's documentation).
    ///
    /// Complexity: O(c² + Σ kᵢ(nᵢ − kᵢ + 1)) for c components.
    public init(_ validated: Validated<Model.Availability>) {
        let model = validated.section
        let own = model.components.map {
            ComponentAvailability.unavailability(
                replicaUnavailability: $0.reliability.unavailability, replicas: $0.replicas,
                required: $0.required, failoverSuccessRate: $0.failoverSuccessRate ?? 1)
        }
        let critical = model.components.indices.filter { model.components[$0].criticalPath }
        let criticalSum = critical.reduce(0.0) { $0 + own[$1] }
        let analysed = model.components.indices.map { index in
            let others = Self.seriesUnavailability(critical.filter { $0 != index }.map { own[$0] })
            return ComponentAvailability(model.components[index], othersUnavailability: others,
                                         criticalUnavailabilitySum: criticalSum)
        }
        let systemUnavailability = Self.seriesUnavailability(critical.map { own[$0] })

        target = model.target
        unavailability = systemUnavailability
        availability = 1 - systemUnavailability
        downtime = Downtime(unavailability: systemUnavailability)
        errorBudget = Downtime(unavailability: 1 - model.target)
        components = analysed.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element, rhs.element)
            if l.criticalPath != r.criticalPath { return l.criticalPath }
            if l.unavailability != r.unavailability { return l.unavailability > r.unavailability }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Unavailability of independent parts in series, 1 − Π(1 − Uᵢ), folded as
    ///
    ///     U ← U + Uᵢ · (1 − U)
    ///
    /// which never subtracts nearly equal numbers, so tiny Uᵢ keep their digits,
    /// and returns a single part's U exactly (a one-component system at its
    /// target meets it). 0 for no parts.
    static func seriesUnavailability(_ unavailabilities: [Double]) -> Double {
        unavailabilities.reduce(0.0) { $0 + $1 * (1 - $0) }
    }
}
