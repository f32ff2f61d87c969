/// The report's charts, each built from ``SVGChart`` pieces and the figures the
/// table beneath it prints (the chart's accessible fallback).
enum ReportCharts {
    /// Months `first`…n on the x axis (month 1 the forecast's first; `first` ≤ 0 for months observed
    /// before it), labelled with their calendar month: at most about `labels` labels, month 1 among them.
    private static func monthAxis(_ forecast: ForecastResult, labels: Int = 7, from first: Int = 1)
        -> (ticks: [Double], label: (Double) -> String) {
        let n = forecast.months.count, span = n - first + 1
        let every = max(1, Int((Double(span) / Double(labels)).rounded(.up)))
        let before = stride(from: 1 - every, through: first, by: -every).reversed()
        let ticks = (Array(before) + Array(stride(from: 1, through: n, by: every))).map(Double.init)
        let start = forecast.months[0].date
        return (ticks, { start.adding(months: Int($0) - 1).description })
    }

    /// The plan's host figures month by month, drawn over the model as it is: usable memory per node
    /// in force (node memory − reserved, MB) and host demand P90 per node under the plan, MB.
    struct PlanHost {
        var usableMB: [Double]
        var p90MB: [Double]
    }

    /// ``PlanHost`` from the plan's months (one per forecast month, the same dates) on `host`; nil when the
    /// plan keeps the host's node size and count throughout (then the fan is the plan's world too) or its
    /// months do not line up with the forecast's.
    static func planHost(_ forecast: ForecastResult, plan: ScalingPlan, host: Model.Host) -> PlanHost? {
        guard plan.months.count == forecast.months.count,
              zip(plan.months, forecast.months).allSatisfy({ $0.date == $1.date }),
              plan.months.contains(where: { $0.nodeMemoryMB != host.memoryMB || $0.nodes != host.nodes }) else { return nil }
        let usable = plan.months.map { $0.nodeMemoryMB - host.reservedMB }
        return PlanHost(usableMB: usable, p90MB: zip(plan.months, usable).map { $0.hostP90 * $1 })
    }

    /// Host memory per node: P1–P99 and P10–P90 bands, the P50 line, usable/warn/critical
    /// lines of the model as it is, a "today" marker and the review's plan-by and act-by months (over
    /// all resources); with `plan`, the plan's usable memory as a step line and its P90 under the plan.
    static func hostFan(_ forecast: ForecastResult, today: YearMonth, planBy: Int?, actBy: Int?, actions: [Int] = [],
                        plan: PlanHost? = nil, observed: ObservedHistory? = nil) -> SVGChart {
        let months = forecast.months, xs = months.map { Double($0.month) }
        // Observed months sit left of month 1: x = 1 − (months from the observed month to month 1).
        let observedXs = observed.map { $0.months.map { Double(1 - months[0].date.months(since: $0)) } } ?? []
        let first = Int(observedXs.first ?? 1)
        // The range is chosen for the decision: up to the thresholds, the plan's capacity, what was observed and
        // the P90 within the horizon, not the largest P99; what lies beyond is drawn at the top and said.
        let planTop = max(plan?.usableMB.max() ?? 0, plan?.p90MB.max() ?? 0, observed?.hostMemoryMB.max() ?? 0)
        let top = LinearScale.niceUpper(max(forecast.usableMB * 1.08, planTop, months.map(\.memoryMB.p90).max() ?? 0) * 1.05)
        var chart = SVGChart(title: "Host memory per node, \(forecast.modelName)",
                             description: "Memory demand at each month's peak, MB per node: P1–P99 and P10–P90 bands "
                                + "and the median, against usable memory \(NumberFormat.decimal(forecast.usableMB, 0)) MB, "
                                + "warn \(NumberFormat.decimal(forecast.warnMB, 0)) MB and critical \(NumberFormat.decimal(forecast.criticalMB, 0)) MB"
                                + (plan == nil ? "." : "; the model as it is, with the plan's usable memory per node as a step "
                                    + "line and the P90 under the plan dashed.")
                                + (observed.map { " Before the forecast, host memory observed in \($0.source)." } ?? ""),
                             xDomain: (Double(first) - 0.5)...(Double(months.count) + 0.5), yDomain: 0...top, legend: true)
        let axis = monthAxis(forecast, from: first)
        chart.axes(xTicks: axis.ticks, xLabel: axis.label, yTicks: LinearScale.ticks(0, top),
                   yLabel: { NumberFormat.grouped(Int($0)) }, yUnit: "MB per node", xUnit: "month")
        chart.band(xs: xs, lower: months.map { min($0.memoryMB.p1, top) }, upper: months.map { min($0.memoryMB.p99, top) },
                   colour: .blue, opacity: 0.18, label: "P1–P99")
        chart.band(xs: xs, lower: months.map { min($0.memoryMB.p10, top) }, upper: months.map { min($0.memoryMB.p90, top) },
                   colour: .blue, opacity: 0.35, label: "P10–P90")
        chart.line(xs: xs, values: months.map { min($0.memoryMB.p50, top) }, colour: .blue, label: "P50")
        if let beyond = months.first(where: { $0.memoryMB.p99 > top }) {
            chart.note("P99 above the chart from \(beyond.date)", at: Double(beyond.month), colour: .blue)
        }
        if let plan {
            chart.steps(xs: xs, values: plan.usableMB.map { min($0, top) }, colour: .purple, label: "usable under the plan")
            chart.line(xs: xs, values: plan.p90MB.map { min($0, top) }, colour: .purple, dash: "6 3", width: 1.5,
                       label: "P90 under the plan")
        }
        if let observed {
            chart.line(xs: observedXs, values: observed.hostMemoryMB.map { min($0, top) }, colour: .black, label: "observed")
        }
        chart.legend((observed == nil ? [] : [.line("observed", .black)])
                     + [.band("P1–P99", .blue, opacity: 0.18), .band("P10–P90", .blue, opacity: 0.35), .line("median", .blue),
                        .line("usable", .vermillion), .line("critical", .orange, dash: "6 3"), .line("warn", .green, dash: "2 3")]
                     + (plan == nil ? [] : [.line("usable, plan", .purple), .line("P90, plan", .purple, dash: "6 3")]))
        chart.rule(at: forecast.usableMB, colour: .vermillion, dash: nil, label: "usable")
        chart.rule(at: forecast.criticalMB, colour: .orange, dash: "6 3", label: "critical")
        chart.rule(at: forecast.warnMB, colour: .green, dash: "2 3", label: "warn")
        let todayIndex = today.months(since: months[0].date) + 1
        if (first...months.count).contains(todayIndex) { chart.marker(at: Double(todayIndex), colour: .black, label: "today") }
        if let month = planBy { chart.marker(at: Double(month), colour: .green, label: "plan by") }
        if let month = actBy { chart.marker(at: Double(month) + 0.001, colour: .orange, label: "act by", row: 1) }
        // Each planned action from the month it is in force, numbered as in the plan; one label per month.
        let numbered = actions.enumerated().filter { (1...months.count).contains($0.element) }
        for month in Set(numbered.map(\.element)).sorted() {
            let numbers = numbered.filter { $0.element == month }.map { $0.offset + 1 }
            // Consecutive numbers as a range: "3–9", not "3, 4, 5, 6, 7, 8, 9".
            let text = numbers.count > 2 && numbers.last! - numbers.first! == numbers.count - 1
                ? "\(numbers.first!)–\(numbers.last!)" : numbers.map(String.init).joined(separator: ", ")
            chart.marker(at: Double(month) - 0.5, colour: .purple, label: "#\(text)", row: 2)
        }
        return chart
    }

    /// The resources whose P(failed by the horizon) is largest (at most `limit`, those above zero), the
    /// S-curves' series.
    static func leadingResources(_ forecast: ForecastResult, limit: Int = 4) -> [ResourceOutlook] {
        Array(forecast.resources.enumerated()
            .filter { ($0.element.months.last?.pFailBy.hits ?? 0) > 0 }
            .sorted { ($1.element.months.last!.pFailBy.hits, $0.offset) < ($0.element.months.last!.pFailBy.hits, $1.offset) }
            .map(\.element).prefix(limit))
    }

    /// P(failed by month m) of the leading resources: the probability that the resource has run out
    /// in at least one month 1…m along a path (an S-curve, as @RISK draws a cumulative risk).
    static func failedBy(_ forecast: ForecastResult, _ leading: [ResourceOutlook]) -> SVGChart {
        let months = forecast.months, xs = months.map { Double($0.month) }
        var chart = SVGChart(title: "Probability of having failed by each month",
                             description: "For the resources most likely to fail, the share of paths on which the resource "
                                + "has run out in at least one month up to each month.",
                             width: 640, height: 240, xDomain: 0.5...(Double(months.count) + 0.5), yDomain: 0...1, legend: true)
        let axis = monthAxis(forecast)
        chart.axes(xTicks: axis.ticks, xLabel: axis.label, yTicks: [0, 0.25, 0.5, 0.75, 1],
                   yLabel: { NumberFormat.decimal($0 * 100, 0) + "%" }, yUnit: "P(failed by then)", xUnit: "month")
        let colours: [SVGChart.Colour] = [.vermillion, .blue, .orange, .purple]
        let dashes: [String?] = [nil, "6 3", "2 3", "8 2 2 2"]
        for (i, outlook) in leading.enumerated() {
            chart.line(xs: xs, values: outlook.months.map(\.pFailBy.estimate), colour: colours[i % 4], dash: dashes[i % 4],
                       label: outlook.resource.label)
        }
        chart.rule(at: forecast.risk, colour: .grey, dash: "2 2", label: "risk level \(NumberFormat.short(forecast.risk * 100)) %")
        chart.legend(leading.enumerated().map { i, outlook in .line(outlook.resource.label, colours[i % 4], dash: dashes[i % 4]) })
        return chart
    }

    /// One small chart per container: P10–P90 band and P50 of its demand against its limit; with
    /// `planLimitMB` (one per month), the plan's limit as a step line.
    static func container(_ forecast: ForecastResult, _ outlook: ResourceOutlook, planLimitMB: [Double]? = nil) -> SVGChart {
        let months = outlook.months, xs = months.indices.map { Double($0 + 1) }
        let limit = outlook.resource.capacity
        let planLimit = planLimitMB.flatMap { $0.count == months.count ? $0 : nil }
        let top = LinearScale.niceUpper(max(limit, planLimit?.max() ?? 0, months.map(\.demand.p90).max() ?? 0) * 1.05, target: 4)
        var chart = SVGChart(title: "\(outlook.resource.name) container memory",
                             description: "Memory demand of \(outlook.resource.name), MB: P10–P90 band and median against its "
                                + "\(NumberFormat.decimal(limit, 0)) MB limit.",
                             width: 320, height: 200, xDomain: 0.5...(Double(months.count) + 0.5), yDomain: 0...top, legend: true)
        let axis = monthAxis(forecast, labels: 3)
        chart.axes(xTicks: axis.ticks, xLabel: axis.label,
                   yTicks: LinearScale.ticks(0, top, target: 4), yLabel: { NumberFormat.grouped(Int($0)) }, yUnit: "MB",
                   xUnit: "month")
        chart.legend([.band("P10–P90", .sky, opacity: 0.5), .line("median", .blue), .line("limit", .vermillion),
                      .line("critical", .orange, dash: "6 3")] + (planLimit == nil ? [] : [.line("limit, plan", .purple)]))
        if let planLimit { chart.steps(xs: xs, values: planLimit, colour: .purple, label: "limit under the plan") }
        chart.band(xs: xs, lower: months.map(\.demand.p10), upper: months.map(\.demand.p90), colour: .sky,
                   opacity: 0.5, label: "P10–P90")
        chart.line(xs: xs, values: months.map(\.demand.p50), colour: .blue, label: "P50")
        chart.rule(at: limit, colour: .vermillion, dash: nil, label: "limit")
        chart.rule(at: limit * outlook.resource.levels.critical, colour: .orange, dash: "6 3", label: "critical")
        return chart
    }

    /// Pool utilisation ρ per month: P50 and P90 lines against 100 % and the critical level.
    static func pool(_ forecast: ForecastResult, _ outlook: ResourceOutlook) -> SVGChart {
        let months = outlook.months, xs = months.indices.map { Double($0 + 1) }
        let top = LinearScale.niceUpper(min(10, max(1.1, months.map(\.level.p90).max() ?? 0) * 1.05), target: 4)
        var chart = SVGChart(title: "pool \(outlook.resource.name) utilisation",
                             description: "Offered load over the pool's \(NumberFormat.decimal(outlook.resource.capacity, 0)) "
                                + "connections: median and P90, against 100 % (saturated).",
                             width: 480, height: 220, xDomain: 0.5...(Double(months.count) + 0.5), yDomain: 0...top, legend: true)
        let axis = monthAxis(forecast)
        chart.axes(xTicks: axis.ticks, xLabel: axis.label, yTicks: LinearScale.ticks(0, top, target: 4),
                   yLabel: { NumberFormat.decimal($0 * 100, 0) + "%" }, yUnit: "utilisation", xUnit: "month")
        chart.legend([.line("median", .blue), .line("P90", .vermillion, dash: "6 3"), .line("saturated", .black),
                      .line("critical", .orange, dash: "2 3")])
        chart.line(xs: xs, values: months.map { min($0.level.p50, top) }, colour: .blue, label: "P50")
        chart.line(xs: xs, values: months.map { min($0.level.p90, top) }, colour: .vermillion, dash: "6 3", label: "P90")
        chart.rule(at: 1, colour: .black, dash: nil, label: "100 %")
        chart.rule(at: outlook.resource.levels.critical, colour: .orange, dash: "2 3", label: "critical")
        return chart
    }

    /// A worker pool's P95 response time per month (worker pool `w`, model order): the P10–P90
    /// band across paths (the P95 at the P10 and P90 of the month's load: it grows with the load,
    /// ``WorkerMonth``) and the median's line, against each bound the SLO gives as a labelled rule
    /// (P95 solid, P99 dashed). The range is chosen for the decision (up to 3 × the lowest bound, and
    /// always the highest): a saturated quantile (no P95) or one above the range is drawn at the top,
    /// and the first month of either is noted.
    static func workerLatency(_ forecast: ForecastResult, worker w: Int) -> SVGChart {
        let months = forecast.months.map { $0.workers[w] }, xs = months.indices.map { Double($0 + 1) }
        let first = months[0], bounds = first.slo.bounds
        let lowest = bounds.map(\.ms).min() ?? 1, highest = bounds.map(\.ms).max() ?? 1
        let finite = months.flatMap { [$0.p95LatencyMS.p10, $0.p95LatencyMS.p50, $0.p95LatencyMS.p90].compactMap { $0 } }
        let top = LinearScale.niceUpper(max(1.25 * highest, min(3 * lowest, finite.max() ?? 0)) * 1.05, target: 4)
        func drawn(_ ms: Double?) -> Double { min(ms ?? top, top) }
        /// A bound's rule: P95 solid, P99 dashed, both in the SLO's colour.
        func dash(_ level: Double) -> String? { level == 0.95 ? nil : "6 3" }
        func percentile(_ level: Double) -> String { "P\(NumberFormat.short(level * 100))" }
        var chart = SVGChart(title: "workers \(first.name): P95 response time",
                             description: "The month's P95 response time at its peak, ms: P10–P90 band across paths and "
                                + "the median, against the SLO " + ForecastWriter.sloText(first.slo)
                                + "; saturated months (no bound) drawn at the top.",
                             width: 480, height: 220, xDomain: 0.5...(Double(months.count) + 0.5), yDomain: 0...top, legend: true)
        let axis = monthAxis(forecast)
        chart.axes(xTicks: axis.ticks, xLabel: axis.label, yTicks: LinearScale.ticks(0, top, target: 4),
                   yLabel: { NumberFormat.grouped(Int($0)) }, yUnit: "ms", xUnit: "month")
        chart.legend([.band("P10–P90", .sky, opacity: 0.5), .line("median", .blue)]
                     + bounds.map { .line("SLO \(percentile($0.level))", .vermillion, dash: dash($0.level)) })
        chart.band(xs: xs, lower: months.map { drawn($0.p95LatencyMS.p10) }, upper: months.map { drawn($0.p95LatencyMS.p90) },
                   colour: .sky, opacity: 0.5, label: "P10–P90")
        chart.line(xs: xs, values: months.map { drawn($0.p95LatencyMS.p50) }, colour: .blue, label: "P50")
        for bound in bounds {
            // A P95-only SLO keeps its rule's label as it was.
            let name = bounds.count == 1 && bound.level == 0.95 ? "SLO" : "SLO \(percentile(bound.level))"
            chart.rule(at: bound.ms, colour: .vermillion, dash: dash(bound.level), label: "\(name) \(NumberFormat.short(bound.ms)) ms")
        }
        if let m = months.firstIndex(where: { $0.p95LatencyMS.p90 == nil }) {
            chart.note("P90 saturated from \(forecast.months[m].date)", at: Double(m + 1), colour: .vermillion)
        } else if let m = months.firstIndex(where: { ($0.p95LatencyMS.p90 ?? 0) > top }) {
            chart.note("P90 above the chart from \(forecast.months[m].date)", at: Double(m + 1), colour: .blue)
        }
        return chart
    }

    /// The fix-first ranking: success gained by halving each stage's failure rate, in points.
    static func fixFirst(_ deployment: DeploymentOddsResult) -> SVGChart {
        let ranking = deployment.improvements
        let top = LinearScale.niceUpper(max(0.001, (ranking.map(\.gain).max() ?? 0) * 100), target: 4)
        var chart = SVGChart(title: "What to fix first",
                             description: "Deployment success gained, in percentage points, by halving one stage's failure rate.",
                             width: 480, height: 220, xDomain: 0.5...(Double(ranking.count) + 0.5), yDomain: 0...top)
        chart.axes(xTicks: ranking.indices.map { Double($0 + 1) }, xLabel: { ranking[Int($0) - 1].stageName },
                   yTicks: LinearScale.ticks(0, top, target: 4), yLabel: { NumberFormat.short($0) }, yUnit: "points gained",
                   xUnit: "stage", staggered: ranking.count > 4)
        chart.bars(xs: ranking.indices.map { Double($0 + 1) }, values: ranking.map { $0.gain * 100 }, barWidth: 0.6,
                   colour: .green, labels: ranking.map { "\($0.stageName): +\(NumberFormat.short($0.gain * 100)) points" })
        return chart
    }

    /// Annual downtime over the simulated years: a histogram with the error budget's line.
    static func downtime(_ outages: OutageSimulation, bins: [DowntimeBin]) -> SVGChart {
        let top = LinearScale.niceUpper(max(0.01, (bins.map(\.share).max() ?? 0) * 100), target: 4)
        let right = bins.last?.upper ?? 1
        var chart = SVGChart(title: "Downtime per simulated year",
                             description: "Share of simulated years by downtime (minutes), with the error budget of "
                                + "\(NumberFormat.short(outages.errorBudgetMinutesPerYear)) minutes a year.",
                             width: 480, height: 220, xDomain: 0...right, yDomain: 0...top)
        chart.axes(xTicks: LinearScale.ticks(0, right, target: 5), xLabel: { NumberFormat.short($0) },
                   yTicks: LinearScale.ticks(0, top, target: 4), yLabel: { NumberFormat.short($0) + "%" },
                   yUnit: "share of years", xUnit: "minutes of downtime per year")
        chart.bars(xs: bins.map { ($0.lower + $0.upper) / 2 }, values: bins.map { $0.share * 100 },
                   barWidth: (bins.first.map { $0.upper - $0.lower } ?? 1) * 0.9, colour: .sky,
                   labels: bins.map { "\(NumberFormat.short($0.lower))–\(NumberFormat.short($0.upper)) min: \(NumberFormat.short($0.share * 100))%" })
        if outages.errorBudgetMinutesPerYear <= right {
            chart.marker(at: outages.errorBudgetMinutesPerYear, colour: .vermillion, label: "budget")
        }
        return chart
    }

    /// The tornado of a sensitivity analysis: one row per input that moves the figure, largest swing
    /// first (at most `limit`), a bar from the base case to the figure at the input's low value and one to
    /// its high value, and the base case's line.
    static func tornado(_ result: SensitivityResult, writer: SensitivityWriter, limit: Int = 15) -> SVGChart {
        let effects = Array(result.ranked.prefix(limit)), n = effects.count
        let values = effects.flatMap { [$0.low, $0.high] } + [result.base]
        var lower = values.min() ?? 0, upper = values.max() ?? 1
        if upper - lower <= 0 { (lower, upper) = (lower - 1, upper + 1) }
        let pad = (upper - lower) * 0.08
        let domain = (lower - pad)...(upper + pad)
        // Ticks inside the domain and clear of its right end (their labels are centred on them).
        let ticks = LinearScale.ticks(lower - pad, upper + pad, target: 5)
            .filter { domain.contains($0) && $0 <= upper + pad * 0.4 }
        var chart = SVGChart(title: "What matters most for \(writer.shortTitle)",
                             description: "For each input, \(writer.metricTitle) with the input at its low value and at its "
                                + "high value, every other input as in the model, against the base case \(writer.figure(result.base)); "
                                + "largest swing at the top.",
                             width: 640, height: 76 + 24 * Double(max(n, 1)), xDomain: domain,
                             yDomain: 0.5...(Double(max(n, 1)) + 1.1),
                             // Room for the longest input name: none is clipped on the left.
                             leftMargin: min(320, max(120, (effects.map { SVGChart.textWidth($0.input.label) }.max() ?? 0) + 16)),
                             legend: true)
        let rows = effects.indices.map { Double(n - $0) }
        chart.axes(xTicks: ticks, xLabel: { writer.figure($0) }, yTicks: rows,
                   yLabel: { row in effects[n - Int(row)].input.label }, yUnit: "", xUnit: writer.shortTitle)
        chart.legend([.band("input at its low value", .sky), .band("input at its high value", .orange)])
        chart.spans(ys: rows, from: effects.map { _ in result.base }, to: effects.map(\.low), barHeight: 0.6, colour: .sky,
                    labels: effects.map { "\($0.input.label) at its low value (\(SensitivityWriter.range($0.input))): \(writer.figure($0.low))" })
        chart.spans(ys: rows, from: effects.map { _ in result.base }, to: effects.map(\.high), barHeight: 0.6, colour: .orange,
                    labels: effects.map { "\($0.input.label) at its high value: \(writer.figure($0.high))" })
        chart.marker(at: result.base, colour: .black, label: "base \(writer.figure(result.base))")
        return chart
    }

    /// One bar of the downtime histogram: years with downtime in [lower, upper) minutes.
    struct DowntimeBin {
        var lower: Double
        var upper: Double
        var share: Double
    }

    /// Twelve equal bins from 0 to the P99 of annual downtime (or the budget, if larger).
    static func downtimeBins(_ outages: OutageSimulation) -> [DowntimeBin] {
        let histogram = outages.downtimeHistogram
        guard histogram.count > 0 else { return [] }
        let right = LinearScale.niceUpper(max(outages.downtimeMinutesPerYear.p99, outages.errorBudgetMinutesPerYear * 1.1, 1),
                                          target: 6)
        let width = right / 12, total = Double(histogram.count)
        return (0..<12).map { index in
            let lower = Double(index) * width, upper = lower + width
            let below = index == 11 ? histogram.count : histogram.count(below: upper)
            return DowntimeBin(lower: lower, upper: upper,
                               share: Double(below - (index == 0 ? 0 : histogram.count(below: lower))) / total)
        }
    }
}
