import Foundation

/// What matters most: ranks the model's inputs by how much they move one
/// figure (``SensitivityMetric``), two ways from one run on one set of paths.
///
/// **The tornado** (one at a time): the figure is recomputed by its own engine
/// with one input at its low value, then at its high value (``SensitivityInput``:
/// an uncertain input's P10 and P90, a fixed estimate ± the swing), every other
/// input as the model has it — fixed estimates at their value, uncertain ones
/// with their spread — on the same random paths as the base case (same seed,
/// streams keyed by input name), so the swing |figure(high) − figure(low)| is
/// the input's effect, not sampling noise. Pinning an input ignores what it
/// shares with others: a growth rate correlated with the peak factor is moved
/// without it.
///
/// **The variance share** (all at once): across the base run's paths, the
/// first-order share of the path-level output's variance that each uncertain
/// input explains, Var(E[Y | input]) / Var(Y) (``VarianceShare``; Y as
/// ``ForecastPathSample`` defines it per metric, or for `p_unrecoverable` the
/// exact odds at each path's drawn failure rates). It sees the model's
/// correlations: inputs that move together share what they explain. Fixed
/// estimates do not vary across paths and explain none of it (0). The plan's
/// figures (`cost`, `first_action_month`) are decided over all paths at once
/// and have no path-level output: they have only the tornado.
///
/// Cost: 1 + 2 × (inputs that vary) runs of the figure's engine, plus one
/// recording pass over the paths (forecast figures).
public enum SensitivityAnalysis {
    /// Runs the analysis. Throws ``ForecastError`` for options out of range.
    /// `progress` is called with the fraction of runs done.
    public static func run(_ validated: ValidatedModel, options: SensitivityOptions,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> SensitivityResult {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let model = validated.model, metric = options.metric, months = options.forecast.months
        let horizon = model.start.adding(months: months - 1)
        var resource: String?
        var base: Double
        var sample: (output: [Double], inputs: [String: [Double]])?
        var stageQuantiles: [String: (low: Double, high: Double)] = [:]
        var varianceNote: String?
        var movingHorizon: Int?

        switch metric.engine {
        case .forecast:
            let result = try MemoryForecast.run(validated, options: options.forecast)
            if metric == .pFail { resource = riskiest(result) }
            base = value(metric, result, resource: resource)
            if metric == .pFail, let months = result.resources.first(where: { $0.resource.label == resource })?.months {
                movingHorizon = mostUncertainMonth(months.map(\.pFail.estimate))
            }
        case .timeline:
            base = 0  // the first of the figures below (one batch with the pinned models')
            varianceNote = "The plan is decided from all paths at once (its crossings are quantiles): no path has a "
                + "cost or a first action of its own, so there is no variance to share; only the tornado."
        case .deployment:
            guard let deployment = model.deployment else { throw ForecastError.invalidOptions(missing("deployment", metric)) }
            base = 0  // the first of the figures below, with the pinned models'
            let draws = PosteriorDraws(deployment, paths: options.deploymentPaths, seed: options.forecast.seed,
                                       threads: options.forecast.threads)
            sample = (draws.unrecoverable, draws.rates)
            stageQuantiles = draws.quantiles
            if draws.rates.isEmpty {
                varianceNote = "No stage's failure rate is uncertain (none is given as counts): the exact odds do not vary."
            }
        case .availability:
            guard validated.availability != nil else { throw ForecastError.invalidOptions(missing("availability", metric)) }
            base = 0  // the first of the figures below, with the pinned models
            varianceNote = "The availability's inputs are fixed in the model (no spread): there is no variance to share."
        }

        let inputs = SensitivityInput.catalogue(model, engine: metric.engine, months: months, swing: options.swing,
                                                stageQuantiles: stageQuantiles)
        // Every pinned model is checked by the model's rules like any other (``ValidatedModel/init(_:today:)``):
        // a swing that breaks one is an error naming the key, not a run on a model no file could give.
        let varying = inputs.filter(\.varies)
        let pinned = try varying.flatMap { input in
            [try ValidatedModel(input.pinned(model, at: input.low)), try ValidatedModel(input.pinned(model, at: input.high))]
        }
        // The share of the work done before the pinned models run (the base case and the recorded paths).
        let before = metric.engine == .forecast ? 2 / Double(2 + pinned.count) : 0
        if metric.engine == .forecast {
            let recorded = try ForecastPathSample.record(validated, options: options.forecast, metric: metric,
                                                         resource: resource)
            sample = (recorded.output, recorded.inputs)
            progress?(before)
        }
        // The base case is the first figure, except the forecast's (its result chose the resource above).
        var figures = try evaluate(metric, (metric.engine == .forecast ? [] : [validated]) + pinned, options: options,
                                   resource: resource, progress: progress.map { report in
                                       { @Sendable in report(before + (1 - before) * $0) }
                                   })
        if metric.engine != .forecast { base = figures.removeFirst() }

        var effects: [SensitivityResult.Effect] = []
        var next = 0
        for input in inputs {
            var effect = SensitivityResult.Effect(input: input, low: base, high: base)
            if input.varies {
                (effect.low, effect.high) = (figures[next], figures[next + 1])
                next += 2
            }
            if input.kind != .uncertain {
                effect.varianceShare = sample == nil ? nil : 0
                effect.varianceShareStandardError = sample == nil ? nil : 0
            } else if let sample, let values = sample.inputs[input.key],
                      let share = VarianceShare.estimate(input: values, output: sample.output) {
                effect.varianceShare = share.share
                effect.varianceShareStandardError = share.standardError
            }
            effects.append(effect)
        }
        if let sample, varianceNote == nil, VarianceShare.estimate(input: sample.output, output: sample.output) == nil {
            varianceNote = "The figure's path-level output is the same on every path: there is no variance to share."
        }
        // A figure stuck at its bound at both ends of a swing says nothing of that input's effect: the
        // inputs that measurably explain its variance (which still moves across the paths) go first.
        let saturation = SensitivitySaturation.detect(metric: metric, months: months, base: base, effects: effects,
                                                      movingHorizon: movingHorizon)
        let first = Dictionary(uniqueKeysWithValues: (saturation?.rankedFirst ?? []).enumerated().map { ($0.element, $0.offset) })
        let order = Dictionary(uniqueKeysWithValues: effects.enumerated().map { ($0.element.input.key, $0.offset) })
        effects.sort { a, b in
            switch (first[a.input.key], first[b.input.key]) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): break
            }
            let (x, y) = (a.varianceShare ?? 0, b.varianceShare ?? 0)
            if a.swing != b.swing { return a.swing > b.swing }
            if x != y { return x > y }
            return order[a.input.key]! < order[b.input.key]!
        }
        var result = SensitivityResult(modelName: model.name, options: options, base: base, horizon: horizon,
                                       resource: resource, effects: effects, overrides: validated.overrides,
                                       varianceNote: varianceNote,
                                       inputsAge: metric.engine == .forecast || metric.engine == .timeline ? model.inputsAge : nil)
        result.saturation = saturation
        return result
    }

    /// The figure of each model (an input pinned), by the figure's own engine on the same paths:
    /// the forecasts and plans of all of them on the draws already made (passes of many models,
    /// ``MemoryForecast/figures(_:options:progress:figure:)``, ``ScalingTimeline/plans(_:options:progress:)``,
    /// ``ScalingTimeline/costs(_:options:progress:)``),
    /// each figure what a run of its model alone gives. `progress` gets the fraction done.
    static func evaluate(_ metric: SensitivityMetric, _ models: [ValidatedModel], options: SensitivityOptions,
                         resource: String?, progress: (@Sendable (Double) -> Void)?) throws -> [Double] {
        switch metric.engine {
        case .forecast:
            return try MemoryForecast.figures(models, options: options.forecast, progress: progress) {
                value(metric, $0, resource: resource)
            }
        case .timeline:
            // The cost is the searched schedule's: the pass of the planned schedules only feeds the plan's tables.
            if metric == .cost { return try ScalingTimeline.costs(models, options: timelineOptions(options), progress: progress) }
            return try ScalingTimeline.plans(models, options: timelineOptions(options), progress: progress).map(firstActionMonth)
        case .deployment:
            return models.map { validated in
                let deployment = validated.model.deployment!
                return DeploymentOutcomes(stages: deployment.stages.map(\.retryOdds), rollbackSuccessRate: deployment.rollback.successRate,
                                          preReleaseCount: deployment.preReleaseStageCount).unrecoverable
            }
        case .availability:
            return models.map { AvailabilityAnalysis($0.availability!).downtime.minutes(per: .year) }
        }
    }

    /// The forecast's figure, read from the result the tables print.
    static func value(_ metric: SensitivityMetric, _ result: ForecastResult, resource: String?) -> Double {
        let last = result.months.count - 1
        switch metric {
        case .pFail:
            return result.resources.first { $0.resource.label == resource }?.months[last].pFail.estimate ?? 0
        case .runway:
            return Double((result.resources.compactMap(\.crossings.deadline).min() ?? result.months.count + 1) - 1)
        default:
            return result.months[last].memoryMB.p90
        }
    }

    /// The month (1-based) the plan's first action is due: its first step's, or its first shortfall's
    /// deadline when that comes sooner; one past the horizon when there is neither.
    static func firstActionMonth(_ plan: ScalingPlan) -> Double {
        let due = [plan.steps.first?.month, plan.shortfalls.first?.deadline].compactMap { $0 }.min()
        return Double(due ?? plan.months.count + 1)
    }

    /// The month (1-based) whose P(fail) is nearest 50 % — where it moves most, p(1 − p) largest —
    /// among those off its bounds by more than 0.1 points; nil when there is none. Ties: the later month.
    static func mostUncertainMonth(_ pFail: [Double]) -> Int? {
        pFail.enumerated().filter { $0.element > 1e-3 && $0.element < 1 - 1e-3 }
            .max { a, b in a.element * (1 - a.element) <= b.element * (1 - b.element) }
            .map { $0.offset + 1 }
    }

    /// The resource with the largest P(fail) in the last month (ties: the highest P90 level, then resource order).
    static func riskiest(_ result: ForecastResult) -> String {
        let last = result.months.count - 1
        return result.resources.enumerated().max { a, b in
            let (x, y) = (a.element.months[last], b.element.months[last])
            if x.pFail.hits != y.pFail.hits { return x.pFail.hits < y.pFail.hits }
            if x.level.p90 != y.level.p90 { return x.level.p90 < y.level.p90 }
            return a.offset > b.offset
        }!.element.resource.label
    }

    /// The plan's options (the whole plan: its first change depends on the whole horizon).
    static func timelineOptions(_ options: SensitivityOptions) -> TimelineOptions {
        TimelineOptions(forecast: options.forecast, today: options.today)
    }

    private static func missing(_ section: String, _ metric: SensitivityMetric) -> String {
        "--metric \(metric.rawValue) needs the model's `\(section):` section"
    }
}
