import Foundation

extension Calibration {
    /// Ramp levels failing more than this share of requests are not fitted.
    static let minimumRampSuccess = 0.95

    /// A worker pool's `service_ms` (mean) and `per_node` fitted to a load test's ramp.
    ///
    /// The ramp is read as a closed loop with zero think time (``ClosedLoopResponse``): at N
    /// users the response time is S·T_N,c with T = Erlang(max(0, N − c), c) + Exp(1), so each
    /// measured percentile is yᵢ ≈ S·qᵢ(c), qᵢ the matching quantile of T (P50, and P95 where
    /// the ramp has it). For each c the fit in S is linear; with relative errors (weights 1/yᵢ²)
    ///
    ///     Ŝ(c) = Σ (qᵢ/yᵢ) / Σ (qᵢ/yᵢ)²,   RSS(c) = Σ (1 − Ŝ(c)·qᵢ/yᵢ)²
    ///
    /// and ĉ minimises RSS over whole c (a geometric grid over 1 … max N, then every c between
    /// the grid points around the best). Standard errors are those of nonlinear least squares,
    /// Cov = σ̂²·(JᵀJ)⁻¹ with σ̂² = RSS/(n − 2) and J the relative residuals' derivatives in S
    /// (qᵢ/yᵢ) and c (Ŝ·∂qᵢ/∂c / yᵢ by central differences at ĉ ± 1) — Seber & Wild, *Nonlinear
    /// Regression* (1989), §2.1. A ramp whose best c is at least its largest N never queues:
    /// per_node is not fitted (the data say only that it is ≥ max N), and S is the response time
    /// of an idle pool. Levels failing more than 5 % of requests are left out (their latencies
    /// describe errors, not the queue).
    ///
    /// - Throws: ``CalibrationError`` when the model has no such worker pool, gives its service
    ///   time as {p50, p95} (the fit is of a mean), or no level is usable.
    static func workerFit(_ ramp: LoadRamp, model: Model) throws(CalibrationError)
        -> (workers: [Model.Worker], fit: CalibrationFit, warnings: [String]) {
        let index = try workerIndex(ramp, model: model)
        let worker = model.workers[index]
        guard case .mean(let previousMean) = worker.serviceTime else {
            throw CalibrationError("workers[\(index)] (`\(worker.name)`) gives service_ms as {p50, p95}; \(ramp.source) fits a mean "
                + "service time (M/M/c): write `service_ms: <mean>` to calibrate it from the ramp")
        }
        var warnings: [String] = []
        let kept = ramp.users.indices.filter { (ramp.successRate[$0] ?? 1) >= minimumRampSuccess }
        if kept.count < ramp.users.count {
            let dropped = ramp.users.indices.filter { !kept.contains($0) }.map { "\(ramp.users[$0])" }.joined(separator: ", ")
            warnings.append("\(ramp.source): the levels at \(dropped) users fail more than \(NumberFormat.short(100 * (1 - minimumRampSuccess)))% of requests and are not fitted")
        }
        var points: [(users: Int, level: Double, ms: Double)] = kept.map { (ramp.users[$0], 0.5, ramp.p50MS[$0]) }
        points += kept.compactMap { i in ramp.p95MS[i].map { (ramp.users[i], 0.95, $0) } }
        guard !points.isEmpty else { throw CalibrationError("\(ramp.source): no load level left to fit") }
        if Set(kept.map { ramp.users[$0] }).count < minimumLoadLevels {
            warnings.append("\(ramp.source) has \(Set(kept.map { ramp.users[$0] }).count) user level(s) (fewer than \(minimumLoadLevels)): per_node is uncertain")
        }
        let largest = points.map(\.users).max()!
        func q(_ c: Int) -> [Double] { points.map { ClosedLoopResponse.quantile($0.level, users: $0.users, workers: c) } }
        func profile(_ c: Int) -> (s: Double, rss: Double) {
            let x = zip(q(c), points).map { $0 / $1.ms }
            let s = x.reduce(0, +) / x.reduce(0) { $0 + $1 * $1 }
            return (s, x.reduce(0) { $0 + (1 - s * $1) * (1 - s * $1) })
        }
        var cache: [Int: (s: Double, rss: Double)] = [:]
        func cached(_ c: Int) -> (s: Double, rss: Double) {
            if let hit = cache[c] { return hit }
            let value = profile(c)
            cache[c] = value
            return value
        }
        var grid: [Int] = [1]
        while grid.last! < largest { grid.append(min(largest, max(grid.last! + 1, Int(Double(grid.last!) * 1.05)))) }
        let coarse = grid.indices.min { cached(grid[$0]).rss < cached(grid[$1]).rss }!
        let low = grid[max(0, coarse - 1)], high = grid[min(grid.count - 1, coarse + 1)]
        let unrounded = (low...high).min { (cached($0).rss, $0) < (cached($1).rss, $1) }!
        // per_node is processes × threads: with threads T the fit takes the better of the multiples of T around it.
        let threads = worker.threads
        let best = threads == 1 ? unrounded
            : [max(threads, unrounded / threads * threads), (unrounded + threads - 1) / threads * threads]
                .min { (cached($0).rss, $0) < (cached($1).rss, $1) }!
        let (s, rss) = cached(best)
        let n = points.count
        var values: [CalibratedValue] = []
        var notes = ["closed loop with zero think time: response = Erlang(max(0, users − per_node)) waits + one exponential service"]
        var calibrated = model.workers
        let identified = unrounded < largest
        var seS: Double?, seC: Double?
        if n > 2 {
            let sigma2 = rss / Double(n - 2)
            let qs = q(best)
            let up = q(best + 1), down = best > 1 ? q(best - 1) : qs
            let step = Double(best > 1 ? 2 : 1)
            let js = zip(qs, points).map { $0 / $1.ms }
            let jc = points.indices.map { s * (up[$0] - down[$0]) / step / points[$0].ms }
            let a = js.reduce(0) { $0 + $1 * $1 }, b = zip(js, jc).reduce(0) { $0 + $1.0 * $1.1 }, d = jc.reduce(0) { $0 + $1 * $1 }
            let det = a * d - b * b
            if identified, det > 0 {
                seS = (sigma2 * d / det).squareRoot()
                seC = (sigma2 * a / det).squareRoot()
            } else {
                seS = (sigma2 / a).squareRoot()
            }
        }
        values.append(CalibratedValue(key: "workers[\(index)].service_ms", previous: previousMean, value: s, standardError: seS))
        calibrated[index].serviceTime = .mean(s)
        if identified {
            values.append(CalibratedValue(key: "workers[\(index)].per_node", previous: Double(worker.perNode), value: Double(best),
                                          standardError: seC))
            calibrated[index].perNode = best
        } else {
            notes.append("per_node not fitted: the ramp never queues (per_node ≥ \(largest))")
            warnings.append("\(ramp.source): the response time does not grow over the ramp: per_node is at least \(largest), not fitted")
        }
        if identified && best != unrounded {
            notes.append("per_node \(best), a multiple of threads (\(threads)); the best fit alone was \(unrounded)")
        }
        if n <= 2 { notes.append("no standard errors: \(n) figures for 2 parameters") }
        let fitted = zip(q(best), points).map { s * $0.0 }
        let mean = points.reduce(0) { $0 + $1.ms } / Double(n)
        let total = points.reduce(0) { $0 + ($1.ms - mean) * ($1.ms - mean) }
        let residual = zip(points, fitted).reduce(0) { $0 + ($1.0.ms - $1.1) * ($1.0.ms - $1.1) }
        let rSquared = total > 0 ? 1 - residual / total : nil
        let fit = CalibrationFit(name: "\(worker.name) workers", source: ramp.source, count: n, rSquared: rSquared,
                                 values: values, notes: notes)
        return (calibrated, fit, warnings)
    }

    /// The index of the ramp's worker pool: `ramp.worker`, or the model's only one.
    private static func workerIndex(_ ramp: LoadRamp, model: Model) throws(CalibrationError) -> Int {
        if let name = ramp.worker {
            guard let index = model.workers.firstIndex(where: { $0.name == name }) else {
                let names = model.workers.map { "`\($0.name)`" }.joined(separator: ", ")
                throw CalibrationError("--worker \(name): the model has no such worker pool"
                    + (names.isEmpty ? "; add a workers: entry" : "; its worker pools are \(names)"))
            }
            return index
        }
        guard !model.workers.isEmpty else {
            throw CalibrationError("\(ramp.source) measures a worker pool, and the model has none: add a workers: entry "
                + "(name, service, per_node, service_ms, slo) and calibrate again")
        }
        guard model.workers.count == 1 else {
            throw CalibrationError("\(ramp.source): the model has \(model.workers.count) worker pools; name the one the ramp measured with --worker")
        }
        return 0
    }
}
