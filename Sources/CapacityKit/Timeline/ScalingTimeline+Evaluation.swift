extension ScalingTimeline {
    /// What every evaluation at a decision point shares.
    struct Context {
        var validated: ValidatedModel
        var options: TimelineOptions
        var today: CalendarDay
        var defaultLead: Double

        /// Tries every option against the deadline `deadline` (1-based month) of resource `resource`
        /// (index in the forecast's resources) in the plan so far (`schedule`, forecast `current`):
        /// the applicable ones run in one pass on the same paths as the plan so far
        /// (``MemoryForecast/run(_:options:schedules:poolThresholds:progress:)``), each simulated
        /// only from the month it applies. See ``OptionEvaluation``.
        func evaluate(_ options: [(option: Model.ScalingOption, proposed: Bool)], answering resource: Int, deadline: Int,
                      schedule: [InstalledCapacity], current: MemoryForecast.Run) throws -> [OptionEvaluation] {
            var evaluations = options.map {
                prepare($0.option, proposed: $0.proposed, deadline: deadline, schedule: schedule, current: current.result)
            }
            let applicable = evaluations.indices.filter { evaluations[$0].refusal == nil }
            guard !applicable.isEmpty else { return evaluations }
            let runs = try MemoryForecast.simulate(
                validated, options: self.options.forecast,
                schedules: [schedule.map(\.provision)] + applicable.map { evaluations[$0].schedule.map(\.provision) },
                // A run with a precision target adds paths until every schedule meets it: no fixed reference then.
                reference: self.options.forecast.precision == nil ? current : nil)
            for (i, run) in zip(applicable, runs.dropFirst()) {
                complete(&evaluations[i], with: run, answering: resource, deadline: deadline, before: schedule)
            }
            return evaluations
        }

        /// `option` at the decision point, up to the forecast: when it applies, what it sets,
        /// the schedule with it applied, or why it cannot be applied.
        private func prepare(_ option: Model.ScalingOption, proposed: Bool, deadline: Int,
                             schedule: [InstalledCapacity], current: ForecastResult) -> OptionEvaluation {
            let model = validated.model, months = schedule.count
            let risk = model.thresholds.risk, q = options.confidence
            let lead = option.leadTimeDays ?? defaultLead
            let actBy = ResourceDates.actBy(deadline: deadline, start: model.start, leadTimeDays: lead)
            let actNow = actBy < today
            // In force from the deadline, or, when act-by has passed, from the first month starting
            // on or after today + lead time.
            let arrival = today.adding(days: Int(lead.rounded(.up)))
            let applies = actNow ? (1...months).first { CalendarDay(firstOf: model.start.adding(months: $0 - 1)) >= arrival }
                                 : deadline
            var evaluation = OptionEvaluation(
                option: option, proposed: proposed, leadTimeDays: lead, actBy: actBy, actNow: actNow, appliesMonth: applies,
                refusal: nil, limitMB: nil, rightSizing: nil, poolSize: option.size, poolResizing: nil, capacity: nil, nextDeadline: nil, nextResource: nil,
                runwayMonths: 0, gainedMonths: 0, addedCostPerMonth: 0, costOverHorizon: 0, costPerRunwayMonth: nil,
                pFail: [], run: nil, schedule: schedule)
            guard let applies else {
                evaluation.refusal = OptionRefusal(reason: "its lead time of \(NumberFormat.exact(lead)) days runs past the horizon")
                return evaluation
            }
            let before = schedule[applies - 1]
            if option.kind == .limit {
                // Free, but only while the host has room: the host must stay below its critical level
                // (and the risk level) in the month it applies; the limit is sized up to the host's next deadline.
                let host = current.resources[0]
                let hostDeadline = host.crossings(confidence: q, risk: risk, from: applies).deadline
                if hostDeadline == applies {
                    let month = host.months[applies - 1], date = model.start.adding(months: applies - 1)
                    let level = month.distribution.quantile(q) / month.capacity
                    let why = level >= host.resource.levels.critical
                        ? "its P\(NumberFormat.short(q * 100)) is at \(NumberFormat.short(level * 100)) % of usable memory in \(date) "
                            + "(critical \(NumberFormat.short(host.resource.levels.critical * 100)) %)"
                        : "P(out of memory) is \(NumberFormat.probability(month.pFail)) in \(date) "
                            + "(risk level \(NumberFormat.short(risk * 100)) %)"
                    evaluation.refusal = OptionRefusal(reason: "the host has no room: " + why)
                    return evaluation
                }
                guard let s = model.services.firstIndex(where: { $0.name == option.service }),
                      let outlook = current.resources.first(where: { $0.resource.kind == .container && $0.resource.name == option.service })
                else {
                    evaluation.refusal = OptionRefusal(reason: "names no service with a limit")
                    return evaluation
                }
                switch option.limit ?? .auto {
                case .megabytes(let value): evaluation.limitMB = value
                case .auto:
                    let others = before.provision.limitsMB.enumerated().filter { $0.offset != s }.compactMap(\.element).reduce(0, +)
                    let sizing = RightSizing(outlook, risk: risk, confidence: q, from: applies,
                                             through: (hostDeadline ?? months + 1) - 1,
                                             otherLimitsMB: others, reservedMB: model.host.reservedMB)
                    evaluation.rightSizing = sizing
                    evaluation.limitMB = sizing.limitMB
                }
            }
            if option.kind == .pool, option.size == nil,
               let k = model.pools.firstIndex(where: { $0.name == option.pool }),
               let outlook = current.resources.first(where: { $0.resource.kind == .pool && $0.resource.name == option.pool }) {
                // A proposed size: what the months from its arrival to the horizon need, within the budget.
                let pool = model.pools[k]
                let sizing = PoolResizing(outlook, pool: pool, processes: pool.instancesPerNode * before.provision.nodes,
                                          risk: risk, confidence: q, from: applies, through: months)
                evaluation.poolResizing = sizing
                guard sizing.size > before.poolSizes[k] else {
                    evaluation.refusal = OptionRefusal(reason:
                        "the connection budget allows no larger pool (\(pool.connectionsAccepted) connections = "
                        + "max_connections − reserved); a PgBouncer in front or a larger max_connections would lift it")
                    return evaluation
                }
                evaluation.poolSize = sizing.size
            }
            var sized = option
            sized.size = evaluation.poolSize
            let after: InstalledCapacity
            switch before.applying(sized, limitMB: evaluation.limitMB, model: model) {
            case .failure(let refusal):
                evaluation.refusal = refusal
                return evaluation
            case .success(let capacity): after = capacity
            }
            for m in (applies - 1)..<months { evaluation.schedule[m] = after }
            evaluation.capacity = after
            return evaluation
        }

        /// Fills in what `evaluation`'s forecast (`result`) says: runway, gain, cost.
        private func complete(_ evaluation: inout OptionEvaluation, with run: MemoryForecast.Run,
                              answering resource: Int, deadline: Int, before schedule: [InstalledCapacity]) {
            let risk = validated.model.thresholds.risk, q = options.confidence, months = schedule.count
            let applies = evaluation.appliesMonth!, after = evaluation.capacity!, before = schedule[applies - 1]
            let result = run.result
            let nextDeadline = ScalingTimeline.firstDeadline(result, confidence: q, risk: risk, from: applies)
            let end = nextDeadline?.month ?? months + 1
            let ownEnd = result.resources[resource].crossings(confidence: q, risk: risk, from: applies).deadline ?? months + 1
            evaluation.nextDeadline = nextDeadline?.month
            evaluation.nextResource = nextDeadline.map { result.resources[$0.index].resource }
            evaluation.runwayMonths = end - applies
            evaluation.gainedMonths = ownEnd - max(deadline, applies)
            evaluation.addedCostPerMonth = after.costPerMonth - before.costPerMonth
            evaluation.costOverHorizon = evaluation.addedCostPerMonth * Double(months - applies + 1)
            evaluation.costPerRunwayMonth = evaluation.gainedMonths > 0
                ? evaluation.costOverHorizon / Double(evaluation.gainedMonths) : nil
            evaluation.pFail = result.resources.map { $0.months.map(\.pFail) }
            evaluation.run = run
        }
    }
}
