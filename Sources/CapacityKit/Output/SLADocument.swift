/// The JSON form of an SLA analysis: stable snake_case keys, numbers at full
/// precision, every Monte Carlo figure with its standard error (`…_se`), and
/// what it takes to repeat the run (model, seed, paths, years, threads, version).
///
/// Periods are in the key: `…_per_year` (365 days), `…_per_quarter` (90 days),
/// `…_per_30_days`. A figure that is not finite or does not apply — the nines of
/// a system without downtime, a standard error from a single path, the budget
/// used under a 100 % target — is `null`, never omitted.
struct SLADocument: Encodable {
    /// A number that encodes as `null` when absent or not finite (JSON has no ∞ or NaN).
    struct Number: Encodable {
        var value: Double?

        init(_ value: Double?) { self.value = value }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    struct Component: Encodable {
        var name: String
        var critical_path: Bool
        var replicas: Int
        var required: Int
        var failover_success_rate: Number
        var replica_availability: Double
        var mtbf_hours: Number
        var mttr_minutes: Number
        var availability: Double
        var unavailability: Double
        var nines: Number
        var downtime_minutes_per_year: Double
        var downtime_minutes_per_quarter: Double
        var downtime_minutes_per_30_days: Double
        /// Share of the system's expected downtime; null off the critical path.
        var downtime_share: Number
        var availability_with_one_more_replica: Double
        var system_availability_with_one_more_replica: Double
        var downtime_saved_minutes_per_year_with_one_more_replica: Double
        /// As simulated (critical components only): MTBF and MTTR, and whether MTTR was assumed.
        var simulated_mtbf_hours: Number
        var simulated_mttr_minutes: Number
        var simulated_mttr_assumed: JSONNullable<Bool>
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "sla"
    var model: String
    var seed: UInt64
    var paths: Int
    var years: Int
    var simulated_years: Int
    var threads: Int
    var repair_sd_factor: Double
    var assumed_mttr_minutes: Double

    var target: Double
    var availability: Double
    var unavailability: Double
    var nines: Number
    var downtime_minutes_per_year: Double
    var downtime_hours_per_year: Double
    var downtime_minutes_per_quarter: Double
    var downtime_minutes_per_30_days: Double
    var error_budget_minutes_per_year: Double
    var error_budget_minutes_per_quarter: Double
    var error_budget_minutes_per_30_days: Double
    /// Expected downtime ÷ error budget; null under a 100 % target.
    var error_budget_used: Number
    var meets_target: Bool

    var mean_downtime_minutes_per_year_simulated: Number
    var mean_downtime_minutes_per_year_simulated_se: Number
    var downtime_p50_minutes_per_year: Double
    var downtime_p50_minutes_per_year_se: Number
    var downtime_p90_minutes_per_year: Double
    var downtime_p90_minutes_per_year_se: Number
    var downtime_p99_minutes_per_year: Double
    var downtime_p99_minutes_per_year_se: Number
    var p_meet_target: Number
    var p_meet_target_se: Number
    var incidents_per_year: Number
    var incidents_per_year_se: Number
    var longest_outage_p50_minutes: Double
    var longest_outage_p90_minutes: Double
    var longest_outage_p90_minutes_se: Number
    var longest_outage_p99_minutes: Double
    /// When no simulated year had downtime: 1 − 3/N at 95 % (the rule of three); else null.
    var simulated_availability_lower_bound: Number

    /// Components weakest first (as in ``AvailabilityAnalysis/components``).
    var components: [Component]
    /// Critical components by the system availability one more replica buys, best first.
    var one_more_replica_ranking: [String]
    /// The overrides the run used (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?

    init(modelName: String, analysis: AvailabilityAnalysis, simulation: OutageSimulation) {
        let options = simulation.options
        model = modelName
        seed = options.seed
        paths = options.paths
        years = options.years
        simulated_years = options.pathYears
        threads = options.threads
        repair_sd_factor = options.repairSDFactor
        assumed_mttr_minutes = options.assumedRepairMinutes

        target = analysis.target
        availability = analysis.availability
        unavailability = analysis.unavailability
        nines = Number(analysis.nines)
        downtime_minutes_per_year = analysis.downtime.minutesPerYear
        downtime_hours_per_year = analysis.downtime.hoursPerYear
        downtime_minutes_per_quarter = analysis.downtime.minutesPerQuarter
        downtime_minutes_per_30_days = analysis.downtime.minutesPer30Days
        error_budget_minutes_per_year = analysis.errorBudget.minutesPerYear
        error_budget_minutes_per_quarter = analysis.errorBudget.minutesPerQuarter
        error_budget_minutes_per_30_days = analysis.errorBudget.minutesPer30Days
        error_budget_used = Number(analysis.errorBudgetUsed)
        meets_target = analysis.meetsTarget

        let downtime = simulation.downtimeMinutesPerYear, longest = simulation.longestOutageMinutes
        mean_downtime_minutes_per_year_simulated = Number(simulation.meanDowntimeMinutesPerYear.value)
        mean_downtime_minutes_per_year_simulated_se = Number(simulation.meanDowntimeMinutesPerYear.standardError)
        downtime_p50_minutes_per_year = downtime.p50
        downtime_p50_minutes_per_year_se = Number(downtime.p50StandardError)
        downtime_p90_minutes_per_year = downtime.p90
        downtime_p90_minutes_per_year_se = Number(downtime.p90StandardError)
        downtime_p99_minutes_per_year = downtime.p99
        downtime_p99_minutes_per_year_se = Number(downtime.p99StandardError)
        p_meet_target = Number(simulation.probabilityMeetingTarget.value)
        p_meet_target_se = Number(simulation.probabilityMeetingTarget.standardError)
        incidents_per_year = Number(simulation.incidentsPerYear.value)
        incidents_per_year_se = Number(simulation.incidentsPerYear.standardError)
        longest_outage_p50_minutes = longest.p50
        longest_outage_p90_minutes = longest.p90
        longest_outage_p90_minutes_se = Number(longest.p90StandardError)
        longest_outage_p99_minutes = longest.p99
        simulated_availability_lower_bound = Number(simulation.availabilityLowerBound)

        components = analysis.components.map { component in
            let simulated = simulation.components.first { $0.name == component.name }
            var mtbf: Double?, mttr: Double?
            if case .failureAndRepair(let hours, let minutes) = component.reliability { (mtbf, mttr) = (hours, minutes) }
            return Component(
                name: component.name, critical_path: component.criticalPath, replicas: component.replicas,
                required: component.required, failover_success_rate: Number(component.failoverSuccessRate),
                replica_availability: component.replicaAvailability, mtbf_hours: Number(mtbf), mttr_minutes: Number(mttr),
                availability: component.availability, unavailability: component.unavailability,
                nines: Number(component.nines), downtime_minutes_per_year: component.downtime.minutesPerYear,
                downtime_minutes_per_quarter: component.downtime.minutesPerQuarter,
                downtime_minutes_per_30_days: component.downtime.minutesPer30Days,
                downtime_share: Number(component.downtimeShare),
                availability_with_one_more_replica: component.availabilityWithOneMoreReplica,
                system_availability_with_one_more_replica: component.systemAvailabilityWithOneMoreReplica,
                downtime_saved_minutes_per_year_with_one_more_replica: component.downtimeSavedMinutesPerYear,
                simulated_mtbf_hours: Number(simulated?.mtbfHours), simulated_mttr_minutes: Number(simulated?.mttrMinutes),
                simulated_mttr_assumed: JSONNullable(simulated?.repairTimeIsAssumed))
        }
        one_more_replica_ranking = analysis.oneMoreReplicaRanking.map(\.name)
    }
}
