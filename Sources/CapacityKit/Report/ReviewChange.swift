/// One figure then and now, for "What changed since the last review".
public struct ReviewChange: Sendable, Equatable {
    public var figure: String
    public var then: String
    public var now: String
    /// How it moved: `2 months earlier`, `+1.3 points`, `unchanged`.
    public var change: String
}

extension QuarterlyReview {
    /// The inputs that shape the review's figures, by key, as its JSON's `inputs` records them and
    /// `--compare` reads them back: the start, horizon, traffic and growth, the host, seed and paths.
    public var inputs: [String: String] {
        let m = model
        var inputs = ["start": m.start.description, "months": String(forecast.months.count), "rps": NumberFormat.exact(m.traffic.rps),
                      "growth_mean": NumberFormat.exact(m.traffic.growth.mean), "growth_sd": NumberFormat.exact(m.traffic.growth.sd),
                      "growth_volatility": NumberFormat.exact(m.traffic.growth.volatility),
                      "peak_factor": NumberFormat.exact(m.traffic.peakFactor.mean),
                      "host_memory_mb": NumberFormat.exact(m.host.memoryMB), "host_nodes": String(m.host.nodes),
                      "seed": String(options.seed), "paths": String(forecast.paths)]
        if let age = m.inputsAge {
            inputs["inputs_month"] = age.month.description
            inputs["inputs_age_months"] = String(age.months)
        }
        return inputs
    }

    /// The figures of the earlier review beside this one's (empty without `--compare`):
    /// worst status, first failure and its date, plan by, act by, P(fail) of each
    /// resource at the horizon, deployment success and availability.
    public var changes: [ReviewChange] {
        guard let previous else { return [] }
        let dates = forecast.months.map(\.date.description)
        let now = summary
        func month(_ text: String?) -> YearMonth? { text.flatMap { YearMonth(parsing: String($0.prefix(7))) } }
        func dateChange(_ then: String?, _ now: String?) -> String {
            switch (month(then), month(now)) {
            case let (a?, b?):
                let shift = b.months(since: a)
                return shift == 0 ? "unchanged" : "\(abs(shift)) month\(abs(shift) == 1 ? "" : "s") \(shift < 0 ? "earlier" : "later")"
            case (nil, nil): return "unchanged"
            case (nil, _): return "now within the horizon"
            case (_, nil): return "now beyond the horizon"
            }
        }
        func points(_ then: Double?, _ now: Double?) -> String {
            guard let then, let now else { return "—" }
            let delta = (now - then) * 100
            return abs(delta) < 0.0005 ? "unchanged" : (delta > 0 ? "+" : "−") + NumberFormat.short(abs(delta)) + " points"
        }
        func percent(_ value: Double?) -> String { value.map(NumberFormat.percent) ?? "—" }

        let failureNow = now.firstFailure?.crossings.firstFailure.map { dates[$0 - 1] }
        var rows = [
            ReviewChange(figure: "worst status", then: previous.worstStatus, now: now.worstStatus.rawValue,
                         change: previous.worstStatus == now.worstStatus.rawValue ? "unchanged" : "changed"),
            ReviewChange(figure: "first failure",
                         then: previous.firstFailureResource.map { "\($0), \(previous.firstFailureDate ?? "—")" } ?? "none",
                         now: now.firstFailure.map { "\($0.resource.label), \(failureNow ?? "—")" } ?? "none",
                         change: dateChange(previous.firstFailureDate, failureNow)),
            ReviewChange(figure: "plan by", then: previous.planBy ?? "—", now: now.planBy?.planBy?.description ?? "—",
                         change: dateChange(previous.planBy, now.planBy?.planBy?.description)),
            ReviewChange(figure: "act by", then: previous.actBy ?? "—", now: now.actBy?.actBy?.description ?? "—",
                         change: dateChange(previous.actBy, now.actBy?.actBy?.description)),
        ]
        for outlook in forecast.resources {
            let label = outlook.resource.label, pNow = outlook.months[outlook.months.count - 1].pFail.estimate
            rows.append(ReviewChange(figure: "P(fail) at the horizon, \(label)", then: percent(previous.pFailAtHorizon[label]),
                                     now: percent(pNow), change: points(previous.pFailAtHorizon[label], pNow)))
        }
        if now.deploymentSuccess != nil || previous.deploymentSuccess != nil {
            rows.append(ReviewChange(figure: "deployment success", then: percent(previous.deploymentSuccess),
                                     now: percent(now.deploymentSuccess),
                                     change: points(previous.deploymentSuccess, now.deploymentSuccess)))
        }
        if now.availability != nil || previous.availability != nil {
            rows.append(ReviewChange(figure: "availability", then: percent(previous.availability), now: percent(now.availability),
                                     change: points(previous.availability, now.availability)))
        }
        // Why the figures moved: the inputs that differ (the earlier review's JSON records them).
        let current = inputs
        for key in current.keys.sorted() where ["seed", "paths", "months"].contains(key) == false {
            guard let then = previous.inputs[key], let now = current[key], then != now else { continue }
            rows.append(ReviewChange(figure: "input \(key)", then: then, now: now, change: "changed: a reason the figures moved"))
        }
        return rows
    }
}
