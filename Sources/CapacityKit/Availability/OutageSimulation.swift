/// A Monte Carlo of the system's outages, year by year: how bad a bad year gets.
///
/// Every replica of every critical component alternates up (exponential, mean
/// MTBF) and down (lognormal repair, mean MTTR, sd = `repairSDFactor` × MTTR),
/// independently, from its steady state (see ``SimulatedReplica``); k-of-n and
/// failover follow the structure of ``ComponentAvailability``. Each path is
/// `years` continuous years, simulated event by event (``OutageTimeline``);
/// components given only an availability get the options' assumed MTTR.
///
/// The mean downtime is unbiased for the exact figure of ``AvailabilityAnalysis``
/// (steady-state time averages of independent alternating processes do not
/// depend on the distributions), so the two must agree within a few standard
/// errors; the simulation adds what the exact figure cannot: the spread of
/// annual downtime, the chance that a year meets the target, incidents and
/// outage lengths.
///
/// Path i's numbers depend only on (seed, i), and chunk results are merged in
/// chunk order, so 1 or N threads and any chunk size give bit-identical results.
/// The input is a validated model (see ``AvailabilityAnalysis``).
public struct OutageSimulation: Sendable, Equatable {
    /// The options the run used (with its seed, to repeat it).
    public let options: Options
    /// The availability target the years are measured against.
    public let target: Double
    /// The critical components as simulated (MTBF and MTTR used, assumed or given).
    public let components: [ComponentProcess]
    /// Downtime per year the target allows, (1 − target) × 525,600 min; a year
    /// meets the target when its downtime is at most this.
    public let errorBudgetMinutesPerYear: Double
    /// Mean system downtime per year (365 days), minutes.
    public let meanDowntimeMinutesPerYear: Estimate
    /// Percentiles of the system downtime of a year, minutes.
    public let downtimeMinutesPerYear: Percentiles
    /// Probability that a year's downtime stays within the target's budget.
    public let probabilityMeetingTarget: Estimate
    /// Mean number of outages a year sees (an outage over New Year counts in both years).
    public let incidentsPerYear: Estimate
    /// Percentiles of a year's longest outage, minutes (the part within the year; 0 without outages).
    public let longestOutageMinutes: Percentiles

    /// Simulated years in all: paths × years.
    public var pathYears: Int { options.pathYears }

    /// The availability implied by the mean downtime, 1 − mean / 525,600.
    public var meanAvailability: Double {
        1 - meanDowntimeMinutesPerYear.value / Downtime.Period.year.minutes
    }

    /// Runs the simulation.
    ///
    /// Complexity: O(paths · years · E log R) time for E replica events a year
    /// and R replicas; memory about 50 bytes per simulated year at the peak
    /// (paths × years ≤ ``Options/maximumPathYears``).
    /// - Precondition: `options` within the ranges ``Options`` documents.
    public init(_ model: Model.Availability, options: Options = Options()) {
        options.checkPreconditions()
        let processes = model.components.enumerated()
            .filter { $0.element.criticalPath }
            .map { ComponentProcess($0.element, modelIndex: $0.offset, options: options) }
        let timeline = OutageTimeline(components: processes, seed: options.seed, years: options.years)
        let chunks = ChunkedRunner.map(ChunkPlan(paths: options.paths, chunkSize: options.chunkSize),
                                       threads: options.threads) { paths in
            var outcomes: [OutageTimeline.YearOutcome] = []
            outcomes.reserveCapacity(paths.count * timeline.years)
            for path in paths { timeline.simulate(path: path, into: &outcomes) }
            return outcomes
        }

        let budget = (1 - model.target) * Downtime.Period.year.minutes
        let years = options.years
        var downtimes: [Double] = [], longestOutages: [Double] = []
        downtimes.reserveCapacity(options.pathYears)
        longestOutages.reserveCapacity(options.pathYears)
        var downtimeMeans: [Double] = [], incidentMeans: [Double] = [], meetMeans: [Double] = []
        for chunk in chunks {
            for first in stride(from: 0, to: chunk.count, by: years) {
                let path = chunk[first..<first + years]
                downtimes.append(contentsOf: path.map(\.downtimeMinutes))
                longestOutages.append(contentsOf: path.map(\.longestOutageMinutes))
                downtimeMeans.append(path.reduce(0) { $0 + $1.downtimeMinutes } / Double(years))
                incidentMeans.append(Double(path.reduce(0) { $0 + $1.incidents }) / Double(years))
                meetMeans.append(Double(path.count { $0.downtimeMinutes <= budget }) / Double(years))
            }
        }

        self.options = options
        target = model.target
        components = processes
        errorBudgetMinutesPerYear = budget
        meanDowntimeMinutesPerYear = Estimate(pathMeans: downtimeMeans)
        downtimeMinutesPerYear = Percentiles(of: downtimes)
        probabilityMeetingTarget = Estimate(pathMeans: meetMeans)
        incidentsPerYear = Estimate(pathMeans: incidentMeans)
        longestOutageMinutes = Percentiles(of: longestOutages)
    }
}
