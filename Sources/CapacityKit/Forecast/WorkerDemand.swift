/// What a month's peak traffic demands of the worker pools (issue #22): each pool's
/// requests/s per node and, with `host.cores` and `cpu_ms`, the cores they keep busy.
///
///     rps per node_w = peak / nodes                       requests/s reaching one node
///     cores busy_w   = rps per node_w · cpu_ms_w / 1000   per node
///
/// A pool's resource (``Resource/Kind/workers``) compares its rps per node with the
/// largest rate whose response-time P95 (P99) meets the SLO, solved once per pool
/// (``WorkerLoad/maxRPSPerNode``): the response time grows with the load, so the month
/// breaches the SLO exactly when the rps per node exceeds that rate, and
/// P(fail) = P(SLO breach). Its level is the rps per node ÷ that rate. A pool whose
/// service time alone misses the SLO breaches at any load: its rate is
/// ``unmeetableRPS`` (so its level stays finite). The CPU resource
/// (``Resource/Kind/cpu``) compares the cores busy with `host.cores`, failing at ≥.
///
/// Its rows (``ResourceDemand``): each pool's rps per node (w), then the cores busy of
/// each pool with CPU figures, in model order. No random input of its own: the load is
/// the month's peak, shared with memory.
struct WorkerDemand: ResourceDemand {
    /// The rate taken as the SLO capacity of a pool whose service time alone misses the SLO:
    /// 10⁻⁹ requests/s per node (one request in some 30 years), so any load breaches it.
    static let unmeetableRPS = 1e-9

    /// Per CPU row, its pool's index and CPU ms per request.
    let cpu: [(pool: Int, cpuMS: Double)]
    let poolCount: Int
    let streams: [String] = []
    let resources: [ResourceSpec]

    init(_ model: Model) {
        let loads = WorkerLoad.all(model), levels = model.thresholds.levels
        poolCount = loads.count
        cpu = loads.enumerated().compactMap { w, load in
            load.cores != nil ? load.worker.cpuMS.map { (w, $0) } : nil
        }
        // The capacity in force is the provision's: a plan may raise per_node (Provision.workersPerNode).
        let pools = loads.enumerated().map { w, load in
            ResourceSpec(Resource(kind: .workers, name: load.worker.name, capacity: load.ratePerNode, levels: levels),
                         row: w) { $0.workerRatesPerNode[w] }
        }
        let cores = model.host.cores ?? 1
        let cpus = cpu.enumerated().map { r, entry in
            ResourceSpec(Resource(kind: .cpu, name: loads[entry.pool].worker.name, capacity: cores, levels: levels),
                         row: loads.count + r) { _ in cores }
        }
        resources = pools + cpus
    }

    var rows: Int { poolCount + cpu.count }

    /// Demand depends on the provision only through the nodes (the per-node share); `per_node`
    /// changes the capacity (the rate within the SLO), not the demand.
    func isShared(between a: Provision, and b: Provision) -> Bool { a.nodes == b.nodes }

    /// A pool's rps per node reads only the peak and the nodes; a CPU row its pool's CPU per request.
    func signature(ofRow row: Int) -> [Double] {
        row < poolCount ? [] : [Double(cpu[row - poolCount].pool), cpu[row - poolCount].cpuMS]
    }

    func compute(count: Int, peak: UnsafePointer<Double>, normals: (Int) -> UnsafePointer<Double>, provision: Provision,
                 given: (Int) -> UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>) {
        let nodes = Double(max(1, provision.nodes))
        for w in 0..<poolCount {
            let row = out + w * count
            for i in 0..<count { row[i] = peak[i] / nodes }
        }
        for (r, entry) in cpu.enumerated() {
            let row = out + (poolCount + r) * count, perRequest = entry.cpuMS / 1000
            for i in 0..<count { row[i] = peak[i] / nodes * perRequest }
        }
    }
}
