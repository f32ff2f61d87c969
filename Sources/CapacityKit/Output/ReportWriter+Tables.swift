/// The report's tables — the charts' fallbacks, shared by HTML and Markdown — and the
/// assumptions and method it states (``ReportWriter``).
extension ReportWriter {
    /// The host chart's figures; with the plan's node changes, its usable memory and P90 under it.
    func hostTable() -> TextTable {
        let plan = planHost
        return TextTable(columns: [.init("month"), .init("date", .left), .init("P1 MB"), .init("P10 MB"), .init("P50 MB"),
                                   .init("P90 MB"), .init("P99 MB"), .init("P(OOM)"), .init("status", .left)]
                            + (plan == nil ? [] : [.init("usable MB, plan"), .init("P90 MB, plan")]),
                         rows: forecast.months.enumerated().map { index, m in
                             [String(m.month), m.date.description] + [m.memoryMB.p1, m.memoryMB.p10, m.memoryMB.p50,
                                                                       m.memoryMB.p90, m.memoryMB.p99].map { NumberFormat.decimal($0, 1) }
                                 + [NumberFormat.probability(m.pOOM), ForecastWriter.statusCell(m.status)]
                                 + (plan.map { [NumberFormat.decimal($0.usableMB[index], 0), NumberFormat.decimal($0.p90MB[index], 1)] } ?? [])
                         })
    }

    /// Host memory observed before the forecast (`--history`), the actuals the chart draws first.
    var observedTable: TextTable? {
        review.observed.map { observed in
            TextTable(columns: [.init("date", .left), .init("observed MB")],
                      rows: zip(observed.months, observed.hostMemoryMB).map { [$0.description, NumberFormat.decimal($1, 1)] })
        }
    }

    /// A container's figures; with the plan's limit when the plan changes it.
    func resourceTable(_ outlook: ResourceOutlook) -> TextTable {
        let unit = outlook.resource.kind.wording.demandColumnUnit
        let planLimits = outlook.resource.kind == .container ? planLimitsMB(outlook) : nil
        return TextTable(columns: [.init("date", .left), .init("P10 \(unit)"), .init("P50 \(unit)"),
                                   .init("P90 \(unit)"), .init("P90 %"), .init("P(fail)")]
                            + (planLimits == nil ? [] : [.init("limit MB, plan")]),
                         rows: outlook.months.enumerated().map { index, m in
                             [forecast.months[index].date.description,
                              NumberFormat.decimal(m.demand.p10, 1), NumberFormat.decimal(m.demand.p50, 1),
                              NumberFormat.decimal(m.demand.p90, 1), NumberFormat.decimal(m.level.p90 * 100, 1) + "%",
                              NumberFormat.probability(m.pFail)] + (planLimits.map { [NumberFormat.decimal($0[index], 0)] } ?? [])
                         })
    }

    /// Worker pool `w`'s chart figures month by month: the P95 response time at the P10, P50 and
    /// P90 of the load (ms, `saturated` when it has no bound), utilisation P90 and P(SLO breach).
    func workerTable(_ w: Int) -> TextTable {
        TextTable(columns: [.init("date", .left), .init("P95 ms, P10"), .init("P95 ms, P50"), .init("P95 ms, P90"),
                            .init("utilisation P90"), .init("P(SLO breach)"), .init("P(breach by)")],
                  rows: forecast.months.map { month in
                      let worker = month.workers[w], band = worker.p95LatencyMS
                      return [month.date.description] + [band.p10, band.p50, band.p90].map { ForecastWriter.latency($0, places: 0) }
                          + [ForecastWriter.utilization(worker.utilization.p90), NumberFormat.probability(worker.pSLOBreach),
                             NumberFormat.probability(worker.pSLOBreachBy)]
                  })
    }

    /// One line on worker pool `w`: its workers, SLO and the largest rate within it.
    func workerLine(_ w: Int) -> String {
        let worker = forecast.months[0].workers[w]
        return "\(worker.perNode) workers per node against the SLO \(ForecastWriter.sloText(worker.slo)): at most "
            + "\(NumberFormat.decimal(worker.sloRPSPerNode, 1)) requests/s per node meet it."
    }

    /// Where the crossing dates are tabulated (once, with their act-by dates).
    static let datesPointer = "The plan's \"Dates by resource\" table gives each resource's crossing months with the date to plan and to act by."

    func deploymentTable(_ result: DeploymentOddsResult) -> TextTable {
        var rows = [["success", NumberFormat.percent(result.outcomes.success)],
                    ["blocked before release (nothing shipped)", NumberFormat.percent(result.outcomes.blocked)],
                    ["rolled back", NumberFormat.percent(result.outcomes.rolledBack)],
                    ["unrecoverable", NumberFormat.percent(result.outcomes.unrecoverable)]]
        if let quarter = result.overTime?.perQuarter {
            rows += [["failed a quarter (expected)", NumberFormat.short(quarter.failed)],
                     ["rolled back a quarter (expected)", NumberFormat.short(quarter.rolledBack)],
                     ["unrecoverable a quarter (expected)", NumberFormat.short(quarter.unrecoverable)]]
        }
        return TextTable(columns: [.init("deployment outcome", .left), .init("value")], rows: rows)
    }

    func fixFirstTable(_ result: DeploymentOddsResult) -> TextTable {
        TextTable(columns: [.init("stage", .left), .init("failure rate"), .init("halved"), .init("success gained")],
                  rows: result.improvements.map {
                      [$0.stageName, NumberFormat.percent($0.failureRate), NumberFormat.percent($0.halvedFailureRate),
                       "+" + NumberFormat.short($0.gain * 100) + " points"]
                  })
    }

    func availabilityTable(_ analysis: AvailabilityAnalysis) -> TextTable {
        let periods: [(String, Downtime.Period)] = [("year", .year), ("quarter", .quarter), ("30 days", .thirtyDays)]
        return TextTable(columns: [.init("period", .left), .init("expected downtime"), .init("error budget"), .init("budget used")],
                         rows: periods.map { name, period in
                             let down = analysis.downtime.minutes(per: period), budget = analysis.errorBudget.minutes(per: period)
                             return [name, NumberFormat.short(down) + " min", NumberFormat.short(budget) + " min",
                                     budget > 0 ? NumberFormat.percent(down / budget) : "—"]
                         })
    }

    /// Each component: its availability, its expected downtime a year and its share of the system's.
    func componentTable(_ analysis: AvailabilityAnalysis) -> TextTable {
        TextTable(columns: [.init("component", .left), .init("replicas"), .init("availability"), .init("downtime a year"),
                            .init("share of downtime")],
                  rows: zip(analysis.components, analysis.downtimeShares).map { component, share in
                      [component.name + (component.criticalPath ? "" : " (off the critical path)"),
                       "\(component.required) of \(component.replicas)",
                       NumberFormat.significant(component.availability * 100, digits: 5) + " %",
                       NumberFormat.short(component.downtime.minutes(per: .year)) + " min",
                       component.criticalPath ? NumberFormat.percent(share) : "—"]
                  })
    }

    func downtimeTable(_ bins: [ReportCharts.DowntimeBin]) -> TextTable {
        TextTable(columns: [.init("downtime in a year, min", .left), .init("share of years")],
                  rows: bins.enumerated().map { index, bin in
                      [index == bins.count - 1 ? "≥ \(NumberFormat.short(bin.lower))"
                          : "\(NumberFormat.short(bin.lower))–\(NumberFormat.short(bin.upper))",
                       NumberFormat.short(bin.share * 100, digits: 3) + "%"]
                  })
    }

    func changeTable() -> TextTable {
        TextTable(columns: [.init("figure", .left), .init("then (\(review.previous?.date ?? "—"))", .left),
                            .init("now (\(review.options.today))", .left), .init("change", .left)],
                  rows: review.changes.map { [$0.figure, $0.then, $0.now, $0.change] })
    }

    func assumptionTable() -> TextTable {
        let m = review.model, pct = { (x: Double) in NumberFormat.short(x * 100, digits: 4) + " %" }
        var rows: [[String]] = [
            ["host", "\(m.host.nodes) × \(NumberFormat.exact(m.host.memoryMB)) MB, \(NumberFormat.exact(m.host.reservedMB)) MB reserved", "model"],
            ["thresholds", "warn \(pct(m.thresholds.warn)), critical \(pct(m.thresholds.critical)), risk \(pct(m.thresholds.risk))", "model"],
            ["traffic", "\(NumberFormat.exact(m.traffic.rps)) rps in \(m.inputsMonth ?? m.start)", "model"],
            ["growth", "mean \(pct(m.traffic.growth.mean))/month, sd \(pct(m.traffic.growth.sd)), volatility \(pct(m.traffic.growth.volatility))", "estimate"],
            ["peak factor", "mean \(NumberFormat.exact(m.traffic.peakFactor.mean)), sd \(NumberFormat.exact(m.traffic.peakFactor.sd))", "estimate"],
        ]
        for s in m.services {
            rows.append(["service \(s.name)", "\(NumberFormat.exact(s.memory.baseMB)) MB + \(NumberFormat.exact(s.memory.perRPSMB)) MB/rps"
                + " + \(NumberFormat.exact(s.memory.perConnectionMB)) MB/connection, noise \(pct(s.memory.noise))"
                + (s.limitMB.map { ", limit \(NumberFormat.exact($0)) MB" } ?? ""), "estimate"])
        }
        for p in m.pools {
            rows.append(["pool \(p.name)", "\(p.size) × \(p.instancesPerNode) per node, max_connections \(p.maxConnections) − "
                + "\(p.reservedConnections), \(NumberFormat.exact(p.queriesPerRequest)) queries/request × \(NumberFormat.exact(p.holdMS)) ms", "estimate"])
        }
        if let correlations = m.correlations {
            rows.append(["correlations", correlations.inputs.joined(separator: ", "), "model"])
        }
        if let deployment = m.deployment {
            rows.append(["deployments", "\(NumberFormat.exact(deployment.deploysPerMonth)) a month, rollback succeeds "
                + pct(deployment.rollback.successRate), "model"])
            for stage in deployment.stages {
                rows.append(["stage \(stage.name)", "\(stage.phase.rawValue), fails \(pct(stage.failure.pointEstimate))"
                    + (stage.retries > 0 ? ", \(stage.retries) retr\(stage.retries == 1 ? "y" : "ies")" : ""), "model"])
            }
        }
        if let availability = m.availability {
            rows.append(["availability target", pct(availability.target), "model"])
            if let analysis = review.availability {
                for component in analysis.components {
                    rows.append(["component \(component.name)", "\(component.required) of \(component.replicas), each "
                        + NumberFormat.significant(component.replicaAvailability * 100, digits: 5) + " %"
                        + (component.criticalPath ? "" : ", off the critical path"), "model"])
                }
            }
        }
        if let scaling = m.scaling {
            rows.append(["lead time", "\(NumberFormat.exact(scaling.leadTimeDays)) days unless an option gives its own", "model"])
            for option in scaling.options {
                rows.append(["option \(option.name)", "\(option.kind.rawValue), $\(NumberFormat.decimal(option.costPerMonth, 2))/month"
                    + (option.kind == .vertical || option.kind == .horizontal ? " per node" : "")
                    + ", lead time \(NumberFormat.exact(option.leadTimeDays ?? scaling.leadTimeDays)) days", "model"])
            }
        }
        if let age = m.inputsAge {
            rows.insert(["inputs' age", "\(age.warning); \(age.simulated)", "model"], at: 0)
        }
        return TextTable(columns: [.init("input", .left), .init("value", .left), .init("source", .left)], rows: rows)
    }

    var method: [String] {
        [ForecastNotes.demand, ForecastNotes.resources]
            + (forecast.workerNames.isEmpty ? [] : [ForecastNotes.workers]) + [ForecastNotes.status(risk: forecast.risk),
         "Traffic: each Monte Carlo path draws a growth rate g ~ N(mean, sd) once and monthly noise ε ~ N(0, volatility); "
            + "rps_m = rps_(m−1)·max(0.01, 1 + g + ε). Memory per service = (base + per_rps·peak/nodes + "
            + "per_connection·connections/nodes)·(1 + noise·Z); connections in use = min(λh, c) (Little's law).",
         "Deployments: stages are independent, success = Π sᵢ with retries; failures roll back with the rollback's "
            + "success rate. Availability: critical components in series, Π Aᵢ; k-of-n replicas by the binomial sum.",
         "Monte Carlo: \(NumberFormat.grouped(forecast.paths)) paths, seed \(review.options.seed); every probability's "
            + "standard error is √(p(1−p)/n) (the JSON gives each one); percentiles within 0.05 %. "
            + "\(PathSupport.mark) before a figure: it rests on fewer than \(PathSupport.minimumPaths) paths (a probability "
            + "seen on so few paths, or a percentile with so few beyond it), so its first digit is uncertain; more --paths "
            + "carry it."]
            + sensitivity.notes.map { "What matters most — \($0)" }
    }
}
