/// The forecast's worker-pool figures (issue #22): CSV columns and the table of the
/// last month. The figures come decided from ``WorkerMonth``; a P95 latency whose load
/// saturates the pool reads `saturated`, never ∞.
extension ForecastWriter {
    /// A worker pool's CSV columns, after every other column: rps per node, utilisation,
    /// the P95 response time at the P50 and P90 load (ms), P(SLO breach) this month and by
    /// it, and the CPU utilisation's P90 and P(CPU saturated) (empty without CPU figures).
    static func workerColumns(_ worker: String) -> [String] {
        ["\(worker)_rps_per_node_p50", "\(worker)_rps_per_node_p90", "\(worker)_utilization_p50",
         "\(worker)_utilization_p90", "\(worker)_p95_ms_p50", "\(worker)_p95_ms_p90", "\(worker)_p_slo_breach",
         "\(worker)_p_slo_breach_by", "\(worker)_cpu_utilization_p90", "\(worker)_p_cpu_saturated"]
    }

    /// One worker pool's cells, in ``workerColumns(_:)``'s order.
    static func workerCells(_ worker: WorkerMonth) -> [String] {
        let exact = NumberFormat.spreadsheet
        return [cell(worker.rpsPerNode.p50, 2), cell(worker.rpsPerNode.p90, 2), cell(worker.utilization.p50, 4),
                cell(worker.utilization.p90, 4), latency(worker.p95LatencyMS.p50, places: 1),
                latency(worker.p95LatencyMS.p90, places: 1), exact(worker.pSLOBreach.estimate),
                exact(worker.pSLOBreachBy.estimate), worker.cpuUtilization.map { cell($0.p90, 4) } ?? "",
                worker.pCPUSaturated.map { exact($0.estimate) } ?? ""]
    }

    /// A response time in ms to `places` decimals, or `saturated` (nil: the load saturates the pool).
    static func latency(_ ms: Double?, places: Int) -> String {
        ms.map { cell($0, places) } ?? "saturated"
    }

    /// `P95 ≤ 200 ms, P99 ≤ 300 ms`.
    static func sloText(_ slo: Model.LatencySLO) -> String {
        slo.bounds.map { "P\(Int(($0.level * 100).rounded())) ≤ \(NumberFormat.short($0.ms)) ms" }.joined(separator: ", ")
    }

    /// The worker pools at the last month, one row each.
    func workerTable() -> TextTable {
        let months = result.months.count, risk = Self.percent(result.risk)
        let outlooks = result.resources.filter { $0.resource.kind == .workers }
        let rows = lastMonth.workers.map { worker -> [String] in
            let from = outlooks.first { $0.resource.name == worker.name }?.crossings.risk
            return [worker.name, String(worker.perNode), Self.sloText(worker.slo),
                    NumberFormat.decimal(worker.sloRPSPerNode, 1), NumberFormat.decimal(worker.rpsPerNode.p90, 1),
                    Self.utilization(worker.utilization.p90),
                    worker.p95LatencyMS.p90.map { NumberFormat.decimal($0, 0) } ?? "saturated",
                    NumberFormat.probability(worker.pSLOBreach), NumberFormat.probability(worker.pSLOBreachBy),
                    worker.cpuUtilization.map { Self.utilization($0.p90) } ?? "—", from.map(when) ?? "—"]
        }
        return TextTable(columns: [.init("workers", .left), .init("per node"), .init("SLO", .left),
                                   .init("max rps/node", droppable: true), .init("rps/node p90"),
                                   .init("utilization p90", droppable: true), .init("P95 ms p90"),
                                   .init("P(breach)"), .init("P(breach by m\(months))", droppable: true),
                                   .init("CPU p90", droppable: true), .init("P(breach) ≥ \(risk) from", .left)],
                         rows: rows)
    }
}
