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
/// Path i's numbers depend only on (seed, i); chunks are tallied in bounded
/// memory (histograms of the years, pairwise moments of the path means, see
/// ``Tally``) and merged in chunk order, so 1 or N threads and any chunk size
/// give bit-identical results.
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
    /// Every simulated year's downtime, minutes, binned (for a histogram of bad years).
    public let downtimeHistogram: QuantileHistogram
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

    /// When no simulated year had any downtime, the availability those N years
    /// show at 95 % confidence, by the rule of three:
    ///
    ///     P(a year has downtime) ≤ 3 / N,  so  A ≥ 1 − 3 / N
    ///
    /// (zero events in N trials bound the event's probability by −ln 0.05 / N ≈ 3/N;
    /// a year's downtime is at most the whole year, so U ≤ P(a year has downtime)).
    /// The years are taken as independent trials: within a path they are coupled
    /// only through replicas down at New Year. Nil when some year had downtime —
    /// the mean and its standard error then say more — and 0 for fewer than 4 years.
    /// Hanley and Lippman-Hand, "If nothing goes wrong, is everything all right?",
    /// JAMA 249(13), 1983.
    public var availabilityLowerBound: Double? {
        guard meanDowntimeMinutesPerYear.value == 0 else { return nil }
        return max(0, 1 - 3 / Double(pathYears))
    }

    /// Runs the simulation.
    ///
    /// Complexity: O(paths · (R + years · E log R)) time for E replica events a
    /// year and R replicas (E without the log for R ≤ 8, see ``OutageTimeline``);
    /// memory O(threads · (years + histogram bins + R)), whatever the path count.
    /// `progress` is called with the fraction of paths done after each chunk, from worker threads.
    /// - Precondition: `options` within the ranges ``Options`` documents (``Options/problem`` is nil).
    public init(_ validated: Validated<Model.Availability>, options: Options = Options(),
                progress: (@Sendable (Double) -> Void)? = nil) {
        let model = validated.section
        options.checkPreconditions()
        let processes = model.components.enumerated()
            .filter { $0.element.criticalPath }
            .map { ComponentProcess($0.element, modelIndex: $0.offset, options: options) }
        let timeline = OutageTimeline(components: processes, seed: options.seed, years: options.years)
        let budget = (1 - model.target) * Downtime.Period.year.minutes
        let plan = ChunkPlan(paths: options.paths, chunkSize: options.chunkSize)
        let tally = ChunkedRunner.reduce(plan, threads: options.threads, into: Tally(firstPath: 0), { paths in
            var tally = Tally(firstPath: paths.lowerBound)
            var outcomes: [OutageTimeline.YearOutcome] = [], scratch: [Double] = []
            var workspace = OutageTimeline.Workspace()
            outcomes.reserveCapacity(timeline.years)
            scratch.reserveCapacity(timeline.years)
            for path in paths {
                outcomes.removeAll(keepingCapacity: true)
                timeline.simulate(path: path, into: &outcomes, workspace: &workspace)
                tally.add(outcomes, budgetMinutes: budget, scratch: &scratch)
            }
            progress?(Double(paths.upperBound) / Double(plan.paths))
            return tally
        }, combine: { $0.merge($1) })

        self.options = options
        target = model.target
        components = processes
        errorBudgetMinutesPerYear = budget
        meanDowntimeMinutesPerYear = Estimate(pathMeans: tally.downtimeMeans)
        downtimeMinutesPerYear = Percentiles(tally.downtime)
        downtimeHistogram = tally.downtime
        probabilityMeetingTarget = Estimate(pathMeans: tally.meetFractions)
        incidentsPerYear = Estimate(pathMeans: tally.incidentMeans)
        longestOutageMinutes = Percentiles(tally.longestOutage)
    }
}
