import Foundation

/// Renders a ``WorkerAnalysis`` (the quick form of `capacity workers`) as a table, CSV,
/// JSON or Markdown. Pure: analysis in, text out; the engine has decided whether the
/// pool meets its SLO, the largest rps and the workers needed — this writer says so.
///
/// Tables and Markdown give times in ms and rates with four significant digits,
/// probabilities as percentages; CSV has one row with the columns of ``csvHeader`` at
/// full precision (empty cells for figures that do not exist); JSON has every figure
/// (``WorkersDocument``).
public struct WorkersWriter: ResultWriter {
    public var analysis: WorkerAnalysis
    /// The model's name, or ``PoolsWriter/quickForm``.
    public var modelName: String
    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ analysis: WorkerAnalysis, modelName: String) {
        self.analysis = analysis
        self.modelName = modelName
    }

    // MARK: - CSV

    public static let csvHeader = [
        "workers", "rps", "service_mean_ms", "service_scv", "offered_load", "utilization", "saturated", "p_wait",
        "mean_wait_ms", "response_p50_ms", "response_p95_ms", "response_p99_ms", "slo_p95_ms", "slo_p99_ms", "meets_slo",
        "max_rps_within_slo", "size_for_rps", "workers_needed", "cpu_utilization",
    ]

    public var csv: String {
        let exact = NumberFormat.spreadsheet, a = analysis, q = a.queue, slo = a.worker.slo
        let optional = { (value: Double?) in value.map(exact) ?? "" }
        let row = [String(a.worker.perNode), exact(a.rps), exact(q.service.meanMS), exact(q.service.squaredCV),
                   exact(q.offeredLoad), exact(q.utilization), String(q.isSaturated), exact(q.pWait), optional(q.meanWaitMS),
                   optional(a.response?.p50), optional(a.response?.p95), optional(a.response?.p99),
                   optional(slo.p95MS), optional(slo.p99MS), a.meetsSLO.map(String.init) ?? "", optional(a.maxRPSWithinSLO),
                   exact(a.sizeForRPS), a.workersNeeded.map(String.init) ?? "", optional(a.cpuUtilization)]
        return CSVDocument(header: Self.csvHeader, rows: [row]).text
    }

    // MARK: - JSON

    public var json: String {
        JSONText.encode(WorkersDocument(analysis, model: modelName, verdict: verdict, notes: notes))
    }

    // MARK: - Table and Markdown

    private var serviceText: String {
        switch analysis.worker.serviceTime {
        case .mean(let mean): "service \(PoolsWriter.ms(mean)) ms mean (exponential)"
        case .percentiles(let p50, let p95):
            "service P50 \(PoolsWriter.ms(p50)) ms, P95 \(PoolsWriter.ms(p95)) ms (lognormal, mean \(PoolsWriter.ms(analysis.queue.service.meanMS)) ms)"
        }
    }

    private var sloText: String? {
        let slo = analysis.worker.slo
        let parts = [slo.p95MS.map { "P95 ≤ \(PoolsWriter.ms($0)) ms" }, slo.p99MS.map { "P99 ≤ \(PoolsWriter.ms($0)) ms" }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private var headline: String {
        let w = analysis.worker
        return "\(modelName): \(w.perNode) worker\(w.perNode == 1 ? "" : "s") at \(PoolsWriter.number(analysis.rps)) rps · "
            + serviceText + (sloText.map { " · SLO \($0)" } ?? "")
    }

    private func figureTable() -> TextTable {
        let a = analysis, q = a.queue
        var rows: [[String]] = [
            ["offered load", "\(PoolsWriter.number(q.offeredLoad)) erlangs (\(PoolsWriter.number(a.rps)) rps × \(PoolsWriter.ms(q.service.meanMS)) ms)"],
            ["utilisation", ForecastWriter.utilization(q.utilization)],
            ["P(wait)", PoolsWriter.percent(q.pWait)],
        ]
        if let response = a.response, let wait = q.meanWaitMS {
            rows.append(["mean wait", "\(PoolsWriter.ms(wait)) ms"])
            rows.append(["response P50 / P95 / P99",
                         "\(PoolsWriter.ms(response.p50)) / \(PoolsWriter.ms(response.p95)) / \(PoolsWriter.ms(response.p99)) ms"])
        } else {
            rows.append(["response P50 / P95 / P99", "unbounded: saturated"])
        }
        if sloText != nil {
            rows.append(["largest rps within the SLO", a.maxRPSWithinSLO.map { "\(PoolsWriter.number($0)) rps" } ?? "none"])
            rows.append(["workers needed at \(PoolsWriter.number(a.sizeForRPS)) rps",
                         a.workersNeeded.map(String.init) ?? "none"])
        }
        if let cpu = a.cpuUtilization, let cores = a.cores, let cpuMS = a.worker.cpuMS {
            rows.append(["CPU", "\(ForecastWriter.utilization(cpu)) of \(PoolsWriter.number(cores)) cores (\(PoolsWriter.ms(cpuMS)) ms a request)"])
        }
        return TextTable(columns: [.init("figure", .left), .init("value", .left)], rows: rows)
    }

    /// What the figures mean for this pool, in one paragraph.
    public var verdict: String {
        let a = analysis, w = a.worker
        var parts: [String] = []
        if a.queue.isSaturated {
            parts.append("saturated: \(PoolsWriter.number(a.rps)) rps offer \(PoolsWriter.number(a.queue.offeredLoad)) erlangs "
                + "to \(w.perNode) worker\(w.perNode == 1 ? "" : "s"), so the queue grows without bound")
        }
        if let sloText, let meets = a.meetsSLO {
            if a.serviceMissesSLO {
                parts.append("the service time alone misses the SLO (\(sloText)): no load is light enough and no number of "
                    + "workers large enough; the requests must get faster")
            } else {
                if !a.queue.isSaturated { parts.append((meets ? "meets" : "misses") + " the SLO (\(sloText))") }
                if let most = a.maxRPSWithinSLO {
                    parts.append("\(w.perNode) worker\(w.perNode == 1 ? "" : "s") meet it up to \(PoolsWriter.number(most)) rps")
                }
                if let needed = a.workersNeeded {
                    parts.append("at \(PoolsWriter.number(a.sizeForRPS)) rps it takes \(needed) worker\(needed == 1 ? "" : "s")")
                } else {
                    parts.append("at \(PoolsWriter.number(a.sizeForRPS)) rps no pool of up to "
                        + "\(NumberFormat.grouped(WorkerSizing.maximumWorkers)) workers meets it")
                }
            }
        } else if !a.queue.isSaturated {
            parts.append("no SLO given: --slo-p95-ms or --slo-p99-ms gives the largest rps within it and the workers needed")
        }
        if let cpu = a.cpuUtilization, cpu >= 1 {
            parts.append("the CPU is saturated too (\(ForecastWriter.utilization(cpu)))")
        }
        let text = parts.joined(separator: "; ")
        return "Verdict: " + text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// How the figures are computed.
    public var notes: [String] {
        let model: String
        switch analysis.worker.serviceTime {
        case .mean:
            model = "Exact M/M/c response time (Poisson arrivals, exponential service, one FIFO queue): "
                + "P(T > t) = e^(−μt) + C·μ·(e^(−μt) − e^(−θt))/(θ − μ), C Erlang C, θ = cμ − λ."
        case .percentiles:
            model = "M/G/c approximation (Poisson arrivals, lognormal service through P50 and P95): Erlang C's P(wait), "
                + "an exponential wait of mean C/(cμ − λ)·(1 + c_s²)/2 (Lee & Longton; Allen–Cunneen), "
                + "response = wait + service by numerical convolution; within 3 % of a discrete-event simulation in the tests."
        }
        return [model + " Computed, not sampled: no standard errors.",
                "Utilisation ρ = rps × mean service / 1000 ÷ workers; ρ ≥ 1 is saturation, where no percentile is finite."]
    }

    /// The headline, the figures, the verdict and the notes.
    public var document: Document {
        Document([.heading(level: 2, text: "Worker pool: \(modelName)", terminal: .omitted), .paragraph(headline),
                  .table(figureTable()), .paragraph(verdict), .paragraphs(notes)])
    }

}
