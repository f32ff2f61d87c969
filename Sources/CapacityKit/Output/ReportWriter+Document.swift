/// The review described once (``Document``): the HTML page draws its charts, Markdown
/// shows their tables. Where a page says something around a chart that text says around
/// its table (a figure's caption, a table's lead-in), the block is for one medium
/// (``Block/only(_:_:)``).
extension ReportWriter {
    /// Header, summary, memory, pools, worker pools, the plan, what matters most, deployments,
    /// availability and assumptions, in page order.
    public var document: Document {
        var blocks: [Block] = [
            .group(.header, [.heading(level: 1, text: "Capacity review: \(review.model.name)"),
                             .keyValues(header.map { Block.KeyValue($0.0, $0.1) })]),
            .group(.section(id: "summary"), summarySection),
            .group(.section(id: "memory"), memorySection),
        ]
        if let poolForecast = review.pools { blocks.append(.group(.section(id: "pools"), poolSection(poolForecast))) }
        if !forecast.workerNames.isEmpty { blocks.append(.group(.section(id: "workers"), workerSection)) }
        blocks += [.group(.section(id: "plan"), planSection), .group(.section(id: "what-matters"), whatMattersSection)]
        if let deployment = review.deployment {
            blocks.append(.group(.section(id: "deployments"), [
                .heading(level: 2, text: "Deployments"), .table(deploymentTable(deployment)),
                .chart(.init(ReportCharts.fixFirst(deployment), table: fixFirstTable(deployment))),
            ]))
        }
        if let analysis = review.availability, let outages = review.outages {
            blocks.append(.group(.section(id: "availability"), availabilitySection(analysis, outages)))
        }
        blocks.append(.group(.section(id: "assumptions"), [
            .heading(level: 2, text: "Assumptions"), .table(assumptionTable()),
            .heading(level: 3, text: "How this was computed"), .paragraphs(method),
        ]))
        return Document(blocks)
    }

    /// The decision (the asks, what it costs), what changed since the last review, the figures.
    private var summarySection: [Block] {
        var blocks: [Block] = [.heading(level: 2, text: "Summary"), .heading(level: 3, text: "The decision")]
        if !review.decision.asks.isEmpty { blocks.append(.table(asksTable(), wraps: true)) }
        blocks.append(.list(items: decisionLines, page: .spaced))
        if !review.changes.isEmpty {
            blocks += [.heading(level: 3, text: "What changed since the last review"), .table(changeTable(), wraps: true)]
        }
        return blocks + [.heading(level: 3, text: "The figures"), .list(items: summaryLines, page: .spaced)]
    }

    /// Host memory, what was observed before, the containers, what fails first.
    private var memorySection: [Block] {
        var blocks: [Block] = [
            .heading(level: 2, text: "Memory"), .only(.text, [.paragraph("Host memory per node at the monthly peak:")]),
            .chart(.init(hostChart, table: hostTable(),
                         caption: "Host memory per node (P1–P99, P10–P90, median) — plan by and act by over all resources")),
        ]
        if let observedTable {
            blocks += [.only(.text, [.paragraph("Observed before the forecast:")]),
                       .only(.page, [.heading(level: 4, text: "Observed before the forecast")]), .table(observedTable)]
        }
        if !containers.isEmpty {
            blocks += [.only(.page, [.heading(level: 3, text: "Containers against their limits")]),
                       .group(.multiples, containers.flatMap { outlook -> [Block] in
                           let limit = NumberFormat.decimal(outlook.resource.capacity, 0)
                           return [.only(.text, [.heading(level: 3, text: "\(outlook.resource.label) (limit \(limit) MB)")]),
                                   .chart(.init(containerChart(outlook), table: resourceTable(outlook),
                                                caption: "\(outlook.resource.label), limit \(limit) MB"))]
                       })]
        }
        // The crossing dates are a table once, with their act-by dates, in the plan ("Dates by resource").
        blocks += [.heading(level: 3, text: "What fails first"),
                   .list(items: ForecastWriter(forecast).verdictLines, page: .inline), .only(.text, [.paragraph(Self.datesPointer)])]
        if !leading.isEmpty {
            blocks += [.only(.text, [.paragraph("Probability of having failed by each month (the resources most likely to fail):")]),
                       .chart(.init(ReportCharts.failedBy(forecast, leading), table: failedByTable(),
                                    caption: "Probability of having failed by each month — the resources most likely to fail"))]
        }
        return blocks + [.only(.page, [.paragraph(Self.datesPointer)])]
    }

    /// Each pool's line and utilisation, and the pools' verdict.
    private func poolSection(_ poolForecast: PoolForecast) -> [Block] {
        let writer = PoolForecastWriter(poolForecast)
        return [.heading(level: 2, text: "Connection pools")]
            + zip(pools, poolForecast.pools).flatMap { outlook, pool -> [Block] in
                [.only(.text, [.heading(level: 3, text: "pool \(pool.pool.name)")]), .paragraph(writer.poolLine(pool)),
                 .chart(.init(ReportCharts.pool(forecast, outlook), table: writer.monthTable(pool),
                              caption: "\(outlook.resource.label), \(NumberFormat.decimal(outlook.resource.capacity, 0)) connections"))]
            }
            + [.list(items: writer.verdict, page: .inline)]
    }

    /// Each worker pool's line and P95 response time.
    private var workerSection: [Block] {
        [.heading(level: 2, text: "Worker pools")] + forecast.workerNames.enumerated().flatMap { w, name -> [Block] in
            [.only(.text, [.heading(level: 3, text: "workers \(name)"),
                           .paragraph(workerLine(w) + " The month's P95 response time at its peak:")]),
             .only(.page, [.paragraph(workerLine(w))]),
             .chart(.init(ReportCharts.workerLatency(forecast, worker: w), table: workerTable(w),
                          caption: "workers \(name): P95 response time"))]
        }
    }

    /// The plan's summary, its dates, actions and shortfalls, month by month.
    private var planSection: [Block] {
        let timeline = TimelineWriter(review.timeline), plan = review.timeline.plan
        var blocks: [Block] = [.heading(level: 2, text: "The plan"), .list(items: timeline.summaryLines),
                               .heading(level: 3, text: "Dates by resource"), .table(timeline.resourceTable())]
        if !plan.steps.isEmpty {
            blocks += [.heading(level: 3, text: "Actions"), .table(timeline.planTable(), wraps: true),
                       .only(.text, [.paragraph("Why each change:")]), .only(.page, [.heading(level: 4, text: "Why each change")]),
                       .list(items: plan.steps.map(\.reason), ordered: true)]
        }
        if !plan.shortfalls.isEmpty {
            blocks += [.heading(level: 3, text: "What the options cannot hold"),
                       .list(items: plan.shortfalls.map {
                           "\($0.resource.label) from \(review.timeline.date($0.deadline)): \($0.binding). Would hold: \($0.wouldHold)."
                       })]
        }
        return blocks + [.heading(level: 3, text: "Month by month"), .table(timeline.monthTable())]
    }

    /// The tornado and the scenarios side by side.
    private var whatMattersSection: [Block] {
        var blocks: [Block] = [.heading(level: 2, text: "What matters most"), .paragraph(whatMattersIntro)]
        if !review.sensitivity.ranked.isEmpty {
            blocks.append(.chart(.init(ReportCharts.tornado(review.sensitivity, writer: sensitivity), table: sensitivity.reportTable(),
                                       caption: "What moves \(sensitivity.shortTitle) — at most 15 inputs, largest swing first")))
        }
        if let comparison = review.scenarios.first {
            blocks += [.heading(level: 3, text: "Scenarios"),
                       .only(.page, [.paragraph("Each scenario on the same random paths as the model as it is:")]),
                       .list(items: scenarioIntro(comparison), page: .inline)]
            for comparison in review.scenarios {
                let title = Self.scenarioTitles[comparison.command] ?? comparison.command
                for (figure, table) in ScenarioComparisonWriter(comparison).reportTables() {
                    blocks += [.heading(level: 4, text: figure.map { "\(title): \($0)" } ?? title), .table(table, wraps: true)]
                }
            }
            blocks.append(.paragraph(ScenarioComparison.sameRandomPaths))
        }
        return blocks
    }

    /// The expected downtime and its budget, where it comes from, what one more replica buys, the simulated years.
    private func availabilitySection(_ analysis: AvailabilityAnalysis, _ outages: OutageSimulation) -> [Block] {
        let sla = SLAWriter(modelName: review.model.name, analysis: analysis, simulation: outages)
        let bins = ReportCharts.downtimeBins(outages)
        return [.heading(level: 2, text: "Availability"),
                .only(.page, [.paragraph(summaryLines.last { $0.hasPrefix("Availability") } ?? "")]),
                .table(availabilityTable(analysis)), .heading(level: 3, text: "Where the downtime comes from"),
                .table(componentTable(analysis)), .heading(level: 3, text: "What one more replica buys")]
            + (sla.bestStep.map { [.paragraph($0)] } ?? [])
            + [.table(sla.whatIfTable(), wraps: true),
               .chart(.init(ReportCharts.downtime(outages, bins: bins), table: downtimeTable(bins)))]
    }
}
