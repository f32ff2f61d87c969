import Foundation
import Testing
@testable import CapacityKit

/// The `workers` scaling option (issue #22 item 4): the plan raises a worker pool's per_node
/// when its SLO breaks, right-sized to the fewest workers that hold through the epoch, with the
/// memory they cost; it stops where the node's memory or a server's connections would break,
/// and says what binds and what would hold.
///
/// The model: ``WorkerPlanTests/model()`` without its node option — no noise, one node, λ_m =
/// 10 · 1.2^(m−1) requests/s (month 7: 29.85984, month 10: 51.5978), the api's memory 100 + 10 · λ MB,
/// worker pool `web` of 4 workers (exponential service, mean 100 ms), SLO P95 ≤ 500 ms. The
/// largest rate within the SLO at c workers (mpmath, `Tests/CapacityCLITests/Scripts/mmc_p95.py`):
///
///     c     4         5         6         7         8
///     rps   32.6072   42.4581   52.3461   62.2577   72.1854
///
/// The deadline rule needs rate(c) ≥ λ/0.85 · (1 + 2⁻¹⁰) (``CapacityNeed``): month 6 needs 29.30,
/// month 7 35.16 (> 32.61: 4 workers break in month 7), month 8 42.20, month 9 50.64, month 10 60.76.
@Suite struct WorkersOptionPlanTests {
    static let today = CalendarDay(year: 2027, month: 1, day: 1)

    /// The model with `web` at `memoryPerWorkerMB` and a free workers option up to 10 per node (7 days' lead).
    static func model(memoryPerWorkerMB: Double) -> Model {
        var model = WorkerPlanTests.model()
        model.workers[0].memoryPerWorkerMB = memoryPerWorkerMB
        model.scaling = Model.Scaling(leadTimeDays: 0, options: [
            Model.ScalingOption(name: "more web", kind: .workers, leadTimeDays: 7, worker: "web", perNode: 10)])
        return model
    }

    static func timeline(_ model: Model) throws -> TimelineResult {
        try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: 10, paths: 40), today: today))
    }

    @Test("SLO first: the plan takes the workers option in month 7 at 7 workers, and api's memory rises by 60 MB")
    func raisesWorkers() throws {
        let model = Self.model(memoryPerWorkerMB: 20)
        let result = try Self.timeline(model)
        #expect(result.plan.outcome == .holds)
        // One change, when 4 workers break the rule (month 7), sized through the horizon: month 10 needs
        // 60.76 requests/s per node; 6 workers carry 52.35, 7 carry 62.26 — the fewest: 7.
        let step = try #require(result.plan.steps.first)
        #expect(result.plan.steps.count == 1)
        #expect(step.change == .workers(pool: "web", from: 4, to: 7) && step.month == 7 && step.option == "more web")
        #expect(step.kind == "workers" && step.label == "workers web per_node 4 → 7 (more web)")
        #expect(step.resource.kind == .workers && step.leadTimeDays == 7 && step.deadline == 7)
        #expect(step.actBy == CalendarDay(year: 2027, month: 6, day: 24))
        #expect(step.reason.hasPrefix("workers web needs 60.8 requests/s per node through 2027-10"), "\(step.reason)")
        #expect(step.reason.contains("7 workers per node carry 62.3; 3 more × 20 MB = 60 MB per node more for api"), "\(step.reason)")
        #expect(result.plan.months.map { $0.capacity.workersPerNode } == Array(repeating: [4], count: 6) + Array(repeating: [7], count: 4))
        #expect(abs(result.plan.months[6].capacity.workerRatesPerNode[0] - 62.2576584838) < 1e-6)
        #expect(result.scaledWorkers == [0] && result.workers == ["web"])

        // The forecast under the plan: api's memory is 100 + 10 · λ + (7 − 4) · 20 MB from month 7, on every
        // path (read from the histogram: relative bin error ≤ 2⁻¹¹), the same as before it.
        let validated = try ValidatedModel(model)
        let options = ForecastOptions(months: 10, paths: 40)
        let planned = try MemoryForecast.run(validated, options: options,
                                             schedule: result.plan.months.map { $0.capacity.provision(model) })
        let asIs = try MemoryForecast.run(validated, options: options)
        for m in 0..<10 {
            let lambda = 10 * pow(1.2, Double(m)), added = m >= 6 ? 60.0 : 0
            let api = planned.months[m].services[0].memoryMB.p50
            #expect(abs(api - (100 + 10 * lambda + added)) <= (100 + 10 * lambda + added) / 2048, "month \(m + 1): \(api)")
            #expect(abs(api - asIs.months[m].services[0].memoryMB.p50 - added) < 0.5, "month \(m + 1)")
        }
        // Its worker figures are those of 7 workers: ρ = λ · 0.1 / 7, within the SLO.
        #expect(planned.months[6].workers[0].perNode == 7)
        #expect(abs(planned.months[9].workers[0].utilization.p50 - 51.5978 * 0.1 / 7) < 1e-3)
        #expect(planned.months.allSatisfy { $0.workers[0].pSLOBreach.estimate == 0 })
    }

    @Test("workers the node cannot hold: the plan adds a node instead, and says why")
    func memoryBinds() throws {
        // 400 MB per worker: month 7's host need is (100 + 298.6 + 400)/0.85 · (1 + 2⁻¹⁰) = 940.3 MB > 900
        // usable, so not one more worker fits (and later months need more); on two nodes 4 workers
        // hold to month 10 (51.60/2/0.85 · (1 + 2⁻¹⁰) = 30.38 ≤ 32.61).
        var model = Self.model(memoryPerWorkerMB: 400)
        model.host.memoryMB = 1000
        model.host.reservedMB = 100
        model.scaling!.options.append(Model.ScalingOption(name: "node", kind: .horizontal, memoryMB: 1000, costPerMonth: 25,
                                                          maxNodes: 2))
        let result = try Self.timeline(model)
        #expect(result.plan.outcome == .holds)
        #expect(result.plan.steps.map(\.change) == [.nodes(from: 1, to: 2)])
        let step = try #require(result.plan.steps.first)
        #expect(step.month == 7 && step.resource.name == "web")
        #expect(step.reason == "workers web needs 35.2 requests/s per node in 2027-07 (P90 below 85 % of the rate within "
            + "its SLO, P(SLO breach) < 1 %), while one node gives at most 32.6 within its SLO each with 4 workers, "
            + "the most a 1,000 MB node holds at 400 MB per worker for api", "\(step.reason)")
        #expect(result.plan.months.allSatisfy { $0.capacity.workersPerNode == [4] })

        // Without the node, the plan cannot hold: it says what binds and what would hold.
        model.scaling!.options.removeLast()
        let alone = try Self.timeline(model)
        #expect(alone.plan.steps.isEmpty)
        let shortfall = try #require(alone.plan.shortfalls.first)
        #expect(shortfall.resource.kind == .workers && shortfall.deadline == 7)
        #expect(shortfall.binding == "workers web needs 60.8 requests/s per node by 2027-10 on 1 node, more than the 32.6 "
            + "its 4 workers per node carry, the most a 1,000 MB node holds at 400 MB per worker for api", "\(shortfall.binding)")
        // 7 workers hold (62.26 ≥ 60.76) at 3 × 400 = 1,200 MB more; the host then needs (100 + 516.0 + 1200)/0.85 ·
        // (1 + 2⁻¹⁰) = 2,139 MB usable: nodes of 3,000 MB (reserved 100, up to the next 1,000 MB).
        #expect(shortfall.wouldHold == "per_node ≥ 7 (1,200 MB more per node for api) on nodes of 3,000 MB "
            + "— outside the model's options", "\(shortfall.wouldHold)")
    }

    /// ``model(memoryPerWorkerMB:)`` (20 MB) with a database whose pool each worker process holds:
    /// pool `pg` of 1 connection per process, `workers: web` (one thread: a process per worker), on a
    /// server of max_connections 8 − 3 reserved = 5 accepted; its load (λ · 0.01 · 1 ms) needs 1 connection.
    static func connectionsModel() -> Model {
        var model = model(memoryPerWorkerMB: 20)
        model.services.append(Model.Service(name: "postgres", memory: Model.Memory(baseMB: 50)))
        model.pools = [Model.Pool(name: "pg", service: "postgres", size: 1, instancesPerNode: 4, maxConnections: 8,
                                  reservedConnections: 3, queriesPerRequest: 0.01, holdMS: 1, workers: "web")]
        return model
    }

    @Test("more processes, more connections: the workers option comes with max_connections, or stops at the budget")
    func connectionsBind() throws {
        var model = Self.connectionsModel()
        model.scaling!.options.append(Model.ScalingOption(name: "pg 20", kind: .connections, server: "pg", maxConnections: 20))
        // 7 workers open 7 × 1 × 1 node = 7 connections > 5: with max_connections 20 (17 accepted) in the same month.
        let result = try Self.timeline(model)
        #expect(result.plan.outcome == .holds)
        #expect(result.plan.steps.map(\.change) == [.connections, .workers(pool: "web", from: 4, to: 7)])
        #expect(result.plan.steps.allSatisfy { $0.month == 7 })
        #expect(result.plan.months[6].capacity.pools(of: model)[0].connectionsRequested(nodes: 1) == 7)

        // Without it: 5 workers open 5 connections, the most the server accepts; they hold through month 8
        // (42.20 ≤ 42.46) and the pool breaks its SLO rule from month 9.
        model.scaling!.options.removeLast()
        let capped = try Self.timeline(model)
        #expect(capped.plan.steps.map(\.change) == [.workers(pool: "web", from: 4, to: 5)])
        let step = try #require(capped.plan.steps.first)
        #expect(step.reason.hasSuffix("short of its need: 5 is the most the server pg accepts, each of its workers holding a pool pg"),
                "\(step.reason)")
        let shortfall = try #require(capped.plan.shortfalls.first)
        #expect(shortfall.resource.name == "web" && shortfall.deadline == 9)
        // 7 workers would hold: 7 processes × 1 connection + 3 reserved = max_connections ≥ 10.
        #expect(shortfall.wouldHold == "per_node ≥ 7 (40 MB more per node for api), with max_connections ≥ 10 on pg "
            + "— outside the model's options", "\(shortfall.wouldHold)")
        #expect(capped.plan.months.allSatisfy { $0.capacity.pools(of: model)[0].connectionsRequested(nodes: 1) <= 5 })
    }

    @Test("the timeline's CSV and JSON carry per_node where a workers option can raise it; its step says so")
    func outputs() throws {
        let writer = TimelineWriter(try Self.timeline(Self.model(memoryPerWorkerMB: 20)))
        let rows = writer.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(rows[0].firstIndex(of: "web_workers_per_node"))
        let months = rows.filter { $0.first == "month" }
        #expect(months.map { $0[column] } == Array(repeating: "4", count: 6) + Array(repeating: "7", count: 4))
        let action = try #require(rows.first { $0.first == "action" })
        #expect(action[rows[0].firstIndex(of: "kind")!] == "workers")
        #expect(action[rows[0].firstIndex(of: "change")!] == "workers web per_node 4 → 7 (more web)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        let step = try #require((json["steps"] as? [[String: Any]])?.first)
        #expect(step["kind"] as? String == "workers" && step["workers_per_node"] as? Int == 7)
        let plan = try #require(json["plan"] as? [[String: Any]])
        #expect(plan.map { ($0["workers_per_node"] as? [String: Int])?["web"] } == Array(repeating: 4, count: 6) + Array(repeating: 7, count: 4))
        // A model whose worker pools no option raises has neither (its outputs are as they were).
        let plain = TimelineWriter(try Self.timeline(WorkerPlanTests.model()))
        #expect(!plain.csv.contains("_per_node") && !plain.json.contains("workers_per_node"))
    }
}
