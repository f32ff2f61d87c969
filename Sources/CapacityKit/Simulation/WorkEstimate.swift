import Foundation

/// The work a Monte Carlo run will do, estimated before it starts, against a
/// stated budget: a run over budget is refused with the flags to lower,
/// instead of running for hours.
///
/// Each engine counts its innermost steps (a replica's change of state for the
/// SLA simulation, a stage attempt for the deployment simulation) and prices
/// them in core-seconds (``OutageSimulation/workEstimate(_:options:)``,
/// ``DeploymentOdds/workEstimate(_:options:)``; a forecast prices a path-month of
/// each tallied quantity, ``MemoryForecast/workEstimate(_:options:forecasts:flags:)``,
/// and the timeline, sensitivity, scenarios and the report count their forecasts);
/// the prices are measured, and how is in `benchmarks/work-estimates.md`.
/// The budget is ``budgetCoreSeconds``, two minutes of one core.
public struct WorkEstimate: Sendable, Equatable {
    /// The most a run may take: 120 core-seconds (2 minutes on one core, 1 on two), so a
    /// run either answers within about a minute here or is refused before it starts.
    public static let budgetCoreSeconds = 120.0

    /// Estimated innermost steps.
    public let units: Double
    /// What a step is, for the message ("replica events").
    public let unitName: String
    /// Estimated time on one core, seconds.
    public let coreSeconds: Double
    /// The flags that scale the work (`--paths`, `--years`).
    public let flags: [String]
    /// Core-seconds of one path (or path-year): when that is itself large,
    /// lowering the flags barely helps and the model is what to change.
    public let coreSecondsPerStep: Double
    /// What to change in the model then.
    public let modelHint: String
    /// A limit the run would pass whatever the budget (a random stream that would
    /// run out), said as the problem; nil when there is none.
    public var limit: String?

    public init(units: Double, unitName: String, coreSeconds: Double, flags: [String], coreSecondsPerStep: Double,
                modelHint: String) {
        self.units = units
        self.unitName = unitName
        self.coreSeconds = coreSeconds
        self.flags = flags
        self.coreSecondsPerStep = coreSecondsPerStep
        self.modelHint = modelHint
    }

    /// True when the run would exceed ``budgetCoreSeconds``.
    public var exceedsBudget: Bool { !(coreSeconds <= Self.budgetCoreSeconds) }

    /// True when the run must not start: over budget or past a ``limit``.
    public var isRefused: Bool { exceedsBudget || limit != nil }

    /// Why the run is refused, naming the flags to lower; nil when it may run.
    ///
    ///     this run would simulate about 7.1e+11 replica events, about 20 hours on one core, over the
    ///     budget of 2 minutes; lower `--paths` or `--years` about 590-fold
    public var problem: String? {
        if let limit { return limit }
        guard exceedsBudget else { return nil }
        let flagList = flags.map { "`\($0)`" }.joined(separator: " or ")
        let factor = (coreSeconds / Self.budgetCoreSeconds).rounded(.up)
        return "this run would simulate about \(String(format: "%.2g", units)) \(unitName), about "
            + "\(Self.duration(coreSeconds)) on one core, over the budget of \(Self.duration(Self.budgetCoreSeconds)); "
            + "lower \(flagList) about \(NumberFormat.short(factor, digits: 3))-fold"
            + (coreSecondsPerStep * 1_000 >= Self.budgetCoreSeconds ? ", or \(modelHint)" : "")
    }

    /// Seconds in the largest unit that keeps the number ≥ 1: "10 minutes", "20 hours".
    static func duration(_ seconds: Double) -> String {
        let units: [(String, Double)] = [("years", 31_536_000), ("days", 86_400), ("hours", 3_600), ("minutes", 60)]
        for (name, size) in units where seconds >= size {
            return "\(NumberFormat.short(seconds / size, digits: 2)) \(name)"
        }
        return "\(NumberFormat.short(seconds, digits: 2)) seconds"
    }
}
