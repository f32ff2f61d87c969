import Foundation

extension Calibration {
    /// The fit of host totals shared out over every service (all have limit_mb).
    static let hostFitName = "host memory"
    /// The fit of host totals less the capped services, given to the uncapped ones.
    static let outsideContainersFitName = "memory outside the containers"

    /// One row of memory data: the load it was measured at and the memory figures.
    struct MemoryRow {
        /// Peak requests/s (a load test's steady rate; a history's `rps_peak`, else rps_avg × peak factor).
        var peak: Double
        /// Connections in use by pool index, when measured.
        var connections: [Double?]
        var host: Double?
        var services: [Double?]
        var source: String
    }

    /// Memory fits for every service with data, or for the host when only host totals are given.
    ///
    /// A service's memory per node is modelled as (``PathSimulator``)
    ///
    ///     m = base + per_rps · peak / nodes + per_connection · connections / nodes
    ///
    /// and fitted by least squares (``LinearFit``) weighted by 1/m̂² — the noise is relative, so a
    /// month's spread grows with its memory — with the terms the model charges it: per_rps
    /// when the model has one, per_connection when it has one or connections are measured
    /// (a service with neither gets its base and noise only: a slope fitted to pure noise
    /// would be extrapolated by every forecast). Connections not measured come from
    /// Little's law as in the forecast, min(peak · queries_per_request · hold_s, c); a
    /// per-connection term that is not measured is kept and subtracted when per_rps is fitted
    /// (the two would be collinear). The weights come from an unweighted fit, refined twice
    /// (iteratively reweighted least squares). A negative slope is reported, set to 0 and the
    /// fit repeated without it. Noise is the relative residual spread
    /// √(Σ (rᵢ / m̂ᵢ)² / (n − p)) — the weighted fit's σ̂ — with SE ≈ noise / √(2(n − p)).
    ///
    /// Host totals only, and the model has services without `limit_mb` (memory no container
    /// limit caps: the OS, page cache, daemons — the default model's `system`): the capped
    /// services keep their values, since host totals cannot tell them apart, and what they
    /// leave unexplained is fitted as r = h − Σ capped = B + S · peak/nodes, shared over the
    /// uncapped services in proportion to their base_mb and per_rps_mb (equally when all are
    /// 0), with the relative noise n of n² Σ m̄ᵤ² = (noise_h · h̄)² − Σ (nₛ m̄ₛ)² over capped s.
    ///
    /// Host totals only, every service capped: h = B + k · v with v the model's variable demand per node
    /// (Σ per_rps · peak/nodes + per_connection · connections/nodes); each service then gets
    /// base · B / Σ base and its slopes times k — the host fit shared out in proportion to the
    /// model's values — and one relative noise n with n² · Σ m̄ₛ² = (noise_h · h̄)² (independent
    /// services of equal relative noise add up to the host's spread).
    static func memoryFits(model: Model, history: MonthlyHistory?, loadTest: LoadTest?) throws(CalibrationError)
        -> (services: [Model.Service], fits: [CalibrationFit], warnings: [String]) {
        let rows = memoryRows(model: model, history: history, loadTest: loadTest)
        var services = model.services
        var fits: [CalibrationFit] = []
        var warnings: [String] = []
        var anyService = false
        for s in model.services.indices {
            let data = rows.filter { $0.services[s] != nil }
            guard !data.isEmpty else { continue }
            anyService = true
            let (memory, fit) = try serviceFit(s, model: model, rows: data)
            services[s].memory = memory
            fits.append(fit)
        }
        let hostRows = rows.filter { $0.host != nil }
        if !hostRows.isEmpty {
            if anyService {
                warnings.append("host_memory_mb not used: services are fitted from their own columns")
            } else if model.services.contains(where: { $0.limitMB == nil }) {
                let remainder = try uncappedFit(model: model, rows: hostRows)
                services = remainder.services
                fits.append(remainder.fit)
            } else {
                let shared = try hostFit(model: model, rows: hostRows)
                services = shared.services
                fits.append(shared.fit)
            }
        }
        return (services, fits, warnings)
    }

    static func memoryRows(model: Model, history: MonthlyHistory?, loadTest: LoadTest?) -> [MemoryRow] {
        var rows: [MemoryRow] = []
        if let history {
            for t in 0..<history.count {
                rows.append(MemoryRow(
                    peak: history.rpsPeak[t] ?? history.rpsAverage[t] * model.traffic.peakFactor.mean,
                    connections: model.pools.map { history.connections[$0.name]?[t] ?? nil },
                    host: history.hostMemoryMB[t],
                    services: model.services.map { history.serviceMemoryMB[$0.name]?[t] ?? nil },
                    source: history.source))
            }
        }
        if let loadTest {
            for t in 0..<loadTest.rps.count {
                rows.append(MemoryRow(
                    peak: loadTest.rps[t], connections: model.pools.map { loadTest.connections[$0.name]?[t] ?? nil },
                    host: loadTest.hostMemoryMB[t], services: model.services.map { loadTest.serviceMemoryMB[$0.name]?[t] ?? nil },
                    source: loadTest.source))
            }
        }
        return rows
    }

    /// Connections held on service `s` in `row`, all nodes: measured where every pool of
    /// the service is measured, else Little's law capped by each pool. Also says whether measured.
    static func connections(of s: Int, model: Model, row: MemoryRow) -> (value: Double, measured: Bool) {
        let pools = model.pools.enumerated().filter { $0.element.service == model.services[s].name }
        guard !pools.isEmpty else { return (0, false) }
        if pools.allSatisfy({ row.connections[$0.offset] != nil }) {
            return (pools.reduce(0) { $0 + row.connections[$1.offset]! }, true)
        }
        let value = pools.reduce(0.0) { total, pool in
            let offered = row.peak * pool.element.queriesPerRequest * pool.element.holdMS / 1000
            return total + min(offered, Double(pool.element.connectionCapacity(nodes: model.host.nodes)))
        }
        return (value, false)
    }

    /// Service s's load-dependent memory per node in `row` at the model's values:
    /// (per_rps · peak + per_connection · connections) / nodes.
    static func variableMemory(of s: Int, model: Model, row: MemoryRow) -> Double {
        let memory = model.services[s].memory
        return (memory.perRPSMB * row.peak + memory.perConnectionMB * connections(of: s, model: model, row: row).value)
            / Double(model.host.nodes)
    }

    private static func serviceFit(_ s: Int, model: Model, rows: [MemoryRow]) throws(CalibrationError)
        -> (Model.Memory, CalibrationFit) {
        let service = model.services[s]
        let nodes = Double(model.host.nodes)
        let held = rows.map { connections(of: s, model: model, row: $0) }
        let measured = held.contains { $0.measured }
        let perRPS = service.memory.perRPSMB > 0
        var perConnection = service.memory.perConnectionMB > 0 || measured
        var notes: [String] = []
        var offset = [Double](repeating: 0, count: rows.count)
        if perRPS && perConnection && !measured {
            perConnection = false
            offset = held.map { service.memory.perConnectionMB * $0.value / nodes }
            notes.append("per_connection_mb kept at \(NumberFormat.exact(service.memory.perConnectionMB)) (connections not measured)")
        }
        let y = zip(rows, offset).map { $0.services[s]! - $1 }
        let source = Set(rows.map(\.source)).sorted().joined(separator: " + ")
        var slopes: [(key: String, column: [Double], previous: Double)] = []
        if perRPS { slopes.append(("per_rps_mb", rows.map { $0.peak / nodes }, service.memory.perRPSMB)) }
        if perConnection {
            slopes.append(("per_connection_mb", held.map { $0.value / nodes }, service.memory.perConnectionMB))
        }
        let name = "\(service.name) memory"
        let (fit, kept, dropped) = try nonNegativeFit(name: name, source: source, y: y, offset: offset,
                                                      slopes: slopes.map { ($0.key, $0.column) })
        notes += dropped
        try refuseNegativeBase(fit, name: name, source: source, rows: rows.count)
        let prefix = "services[\(s)].memory."
        var memory = service.memory
        var values = [CalibratedValue(key: prefix + "base_mb", previous: service.memory.baseMB, value: fit.coefficients[0],
                                      standardError: fit.standardErrors?[0])]
        memory.baseMB = fit.coefficients[0]
        for slope in slopes {
            let index = kept.firstIndex(of: slope.key).map { $0 + 1 }
            let value = index.map { fit.coefficients[$0] } ?? 0
            values.append(CalibratedValue(key: prefix + slope.key, previous: slope.previous, value: value,
                                          standardError: index.flatMap { fit.standardErrors?[$0] }))
            if slope.key == "per_rps_mb" { memory.perRPSMB = value } else { memory.perConnectionMB = value }
        }
        if let noise = relativeNoise(y: y, fitted: fit.fitted, offset: offset, parameters: kept.count + 1) {
            memory.noise = noise.value
            values.append(CalibratedValue(key: prefix + "noise", previous: service.memory.noise, value: noise.value,
                                          standardError: noise.standardError))
        } else {
            notes.append("noise kept: \(rows.count) rows leave no residual degrees of freedom")
        }
        // R² says how much of the spread the slopes explain; a base-only fit has none.
        return (memory, CalibrationFit(name: name, source: source, count: rows.count, rSquared: kept.isEmpty ? nil : fit.rSquared,
                                       values: values, notes: notes))
    }

    private static func hostFit(model: Model, rows: [MemoryRow]) throws(CalibrationError)
        -> (services: [Model.Service], fit: CalibrationFit) {
        let nodes = Double(model.host.nodes)
        let variable = rows.map { row in
            model.services.indices.reduce(0.0) { $0 + variableMemory(of: $1, model: model, row: row) }
        }
        let source = Set(rows.map(\.source)).sorted().joined(separator: " + ")
        let baseTotal = model.services.reduce(0) { $0 + $1.memory.baseMB }
        guard variable.contains(where: { $0 > 0 }), baseTotal > 0 else {
            throw CalibrationError("host memory from \(source) cannot be shared out: the model's services have no base_mb or no per_rps_mb/per_connection_mb to share it in proportion to; give <service>_memory_mb columns")
        }
        let y = rows.map { $0.host! }
        let (fit, kept, dropped) = try nonNegativeFit(name: "host memory", source: source, y: y,
                                                      offset: Array(repeating: 0, count: y.count), slopes: [("slope", variable)])
        try refuseNegativeBase(fit, name: "host memory", source: source, rows: rows.count)
        let base = fit.coefficients[0], scale = kept.isEmpty ? 0 : fit.coefficients[1]
        let baseSE = fit.standardErrors?[0], scaleSE = kept.isEmpty ? nil : fit.standardErrors?[1]
        var services = model.services
        var values: [CalibratedValue] = []
        let noise = relativeNoise(y: y, fitted: fit.fitted, offset: Array(repeating: 0, count: y.count), parameters: kept.count + 1)
        // One relative noise for every service: n² Σ m̄ₛ² = (noise_h · h̄)².
        let meanHost = fit.fitted.reduce(0, +) / Double(y.count)
        let meanPeak = rows.reduce(0) { $0 + $1.peak } / Double(rows.count)
        func meanConnections(of s: Int) -> Double {
            rows.reduce(0) { $0 + connections(of: s, model: model, row: $1).value } / Double(rows.count)
        }
        let serviceMeans = model.services.enumerated().map { s, service in
            service.memory.baseMB * base / baseTotal
                + scale * (service.memory.perRPSMB * meanPeak
                           + service.memory.perConnectionMB * meanConnections(of: s)) / nodes
        }
        let sumOfSquares = serviceMeans.reduce(0) { $0 + $1 * $1 }
        let serviceNoise = noise.flatMap { noise in
            sumOfSquares > 0 ? (value: noise.value * meanHost / sumOfSquares.squareRoot(),
                                standardError: noise.standardError * meanHost / sumOfSquares.squareRoot()) : nil
        }
        for (s, service) in model.services.enumerated() {
            let prefix = "services[\(s)].memory.", old = service.memory
            let share = old.baseMB / baseTotal
            services[s].memory.baseMB = old.baseMB * base / baseTotal
            values.append(CalibratedValue(key: prefix + "base_mb", previous: old.baseMB, value: services[s].memory.baseMB,
                                          standardError: baseSE.map { $0 * share }))
            if old.perRPSMB > 0 {
                services[s].memory.perRPSMB = old.perRPSMB * scale
                values.append(CalibratedValue(key: prefix + "per_rps_mb", previous: old.perRPSMB,
                                              value: services[s].memory.perRPSMB, standardError: scaleSE.map { $0 * old.perRPSMB }))
            }
            if old.perConnectionMB > 0 {
                services[s].memory.perConnectionMB = old.perConnectionMB * scale
                values.append(CalibratedValue(key: prefix + "per_connection_mb", previous: old.perConnectionMB,
                                              value: services[s].memory.perConnectionMB,
                                              standardError: scaleSE.map { $0 * old.perConnectionMB }))
            }
            if let serviceNoise {
                services[s].memory.noise = serviceNoise.value
                values.append(CalibratedValue(key: prefix + "noise", previous: old.noise, value: serviceNoise.value,
                                              standardError: serviceNoise.standardError))
            }
        }
        let perPeakRPS = scale * variable.reduce(0, +) / rows.reduce(0) { $0 + $1.peak / nodes }
        var notes = ["host memory = \(NumberFormat.short(base, digits: 4)) MB + \(NumberFormat.short(scale, digits: 4)) × the model's variable demand (≈ \(NumberFormat.short(perPeakRPS, digits: 3)) MB per peak rps here); shared out over the services in proportion to the model's values"]
        notes += dropped
        return (services, CalibrationFit(name: hostFitName, source: source, count: rows.count, rSquared: fit.rSquared,
                                         values: values, notes: notes))
    }

    /// Host totals with uncapped services: the remainder r = h − Σ capped fitted as
    /// B + S · peak/nodes and shared over the uncapped services (see ``memoryFits``).
    private static func uncappedFit(model: Model, rows: [MemoryRow]) throws(CalibrationError)
        -> (services: [Model.Service], fit: CalibrationFit) {
        let nodes = Double(model.host.nodes)
        let uncapped = model.services.indices.filter { model.services[$0].limitMB == nil }
        let capped = model.services.indices.filter { model.services[$0].limitMB != nil }
        /// Service s's memory per node in `row` at the model's values (noise aside).
        func demand(_ s: Int, _ row: MemoryRow) -> Double {
            model.services[s].memory.baseMB + variableMemory(of: s, model: model, row: row)
        }
        let offset = rows.map { row in capped.reduce(0.0) { $0 + demand($1, row) } }
        let y = zip(rows, offset).map { $0.host! - $1 }
        let source = Set(rows.map(\.source)).sorted().joined(separator: " + ")
        let (fit, kept, dropped) = try nonNegativeFit(name: outsideContainersFitName, source: source,
                                                      y: y, offset: offset, slopes: [("per_rps_mb", rows.map { $0.peak / nodes })])
        let base = fit.coefficients[0], slope = kept.isEmpty ? 0 : fit.coefficients[1]
        guard base >= 0 else {
            throw CalibrationError("host memory from \(source) is below what the services with limit_mb claim at the model's values (the remainder's base fits \(NumberFormat.short(base, digits: 4)) MB < 0); give <service>_memory_mb columns or lower those services' values")
        }
        let baseSE = fit.standardErrors?[0], slopeSE = kept.isEmpty ? nil : fit.standardErrors?[1]
        /// Shares of `total` over the uncapped services, in proportion to `weight` (equal when all are 0).
        func shares(_ weight: (Model.Memory) -> Double) -> [Double] {
            let weights = uncapped.map { weight(model.services[$0].memory) }
            let sum = weights.reduce(0, +)
            return sum > 0 ? weights.map { $0 / sum } : weights.map { _ in 1 / Double(weights.count) }
        }
        let baseShares = shares(\.baseMB), slopeShares = shares(\.perRPSMB)
        // The noise: the host's spread less the capped services' own (independent services add variances).
        let noise = relativeNoise(y: y, fitted: fit.fitted, offset: offset, parameters: kept.count + 1)
        let meanHost = zip(fit.fitted, offset).reduce(0) { $0 + $1.0 + $1.1 } / Double(rows.count)
        let meanPeak = rows.reduce(0) { $0 + $1.peak } / Double(rows.count) / nodes
        let cappedVariance = capped.reduce(0.0) { total, s in
            let mean = rows.reduce(0) { $0 + demand(s, $1) } / Double(rows.count)
            return total + pow(model.services[s].memory.noise * mean, 2)
        }
        let uncappedMeans = uncapped.indices.map { u in baseShares[u] * base + slopeShares[u] * slope * meanPeak }
        let sumOfSquares = uncappedMeans.reduce(0) { $0 + $1 * $1 }
        var notes = ["host memory − the \(capped.count) services with limit_mb (kept at the model's values: host totals cannot tell them apart) = \(NumberFormat.short(base, digits: 4)) MB + \(NumberFormat.short(slope, digits: 3)) MB per peak rps: memory outside the containers, given to \(uncapped.map { model.services[$0].name }.joined(separator: ", "))"]
        notes += dropped
        var services = model.services
        var values: [CalibratedValue] = []
        var serviceNoise: (value: Double, standardError: Double)?
        if let noise, sumOfSquares > 0 {
            let excess = pow(noise.value * meanHost, 2) - cappedVariance
            if excess > 0 {
                let value = (excess / sumOfSquares).squareRoot()
                serviceNoise = (value, noise.standardError / noise.value * value)
            } else {
                serviceNoise = (0, noise.standardError * meanHost / sumOfSquares.squareRoot())
                notes.append("the host's spread is no more than the capped services' own noise: noise 0")
            }
        }
        for (u, s) in uncapped.enumerated() {
            let prefix = "services[\(s)].memory.", old = model.services[s].memory
            services[s].memory.baseMB = baseShares[u] * base
            values.append(CalibratedValue(key: prefix + "base_mb", previous: old.baseMB, value: services[s].memory.baseMB,
                                          standardError: baseSE.map { $0 * baseShares[u] }))
            services[s].memory.perRPSMB = slopeShares[u] * slope
            values.append(CalibratedValue(key: prefix + "per_rps_mb", previous: old.perRPSMB, value: services[s].memory.perRPSMB,
                                          standardError: slopeSE.map { $0 * slopeShares[u] }))
            if let serviceNoise {
                services[s].memory.noise = serviceNoise.value
                values.append(CalibratedValue(key: prefix + "noise", previous: old.noise, value: serviceNoise.value,
                                              standardError: serviceNoise.standardError))
            }
        }
        return (services, CalibrationFit(name: outsideContainersFitName, source: source, count: rows.count,
                                         rSquared: kept.isEmpty ? nil : fit.rSquared, values: values, notes: notes))
    }

    /// Least squares on an intercept and `slopes`, weighted by 1/(m̂ + offset)² (m̂ from the
    /// previous pass; three passes, the first unweighted), dropping any slope fitted negative
    /// and refitting (each dropped slope is 0, the non-negative optimum for it).
    /// Returns the fit, the slopes kept (in order) and a note per dropped slope.
    static func nonNegativeFit(name: String, source: String, y: [Double], offset: [Double],
                               slopes: [(key: String, column: [Double])])
        throws(CalibrationError) -> (fit: LinearFit, kept: [String], notes: [String]) {
        var kept = slopes
        var notes: [String] = []
        while true {
            let p = kept.count + 1
            guard y.count > p else {
                throw CalibrationError("\(name) from \(source): \(y.count) row\(y.count == 1 ? "" : "s") (months or load levels) for \(p) value\(p == 1 ? "" : "s") (base_mb\(kept.map { ", \($0.key)" }.joined())): a fit needs more points than values to say how far to trust it; give at least \(p + 1)")
            }
            for slope in kept where Set(slope.column).count == 1 {
                throw CalibrationError("\(name) from \(source): every row has the same \(slope.key == "per_connection_mb" ? "connections" : "load") (\(NumberFormat.short(slope.column[0], digits: 4))), so \(slope.key) cannot be separated from base_mb; give rows at two or more loads")
            }
            var fit: LinearFit
            do {
                let columns = [Array(repeating: 1, count: y.count)] + kept.map(\.column)
                fit = try LinearFit(columns: columns, y: y)
                for _ in 0..<2 {
                    // Relative noise: weight 1/m̂²; a level that is not positive keeps weight 1/ȳ².
                    let floor = max(1e-9, y.reduce(0, +) / Double(y.count))
                    let weights = zip(fit.fitted, offset).map { 1 / pow(max($0 + $1, floor * 1e-3), 2) }
                    fit = try LinearFit(columns: columns, y: y, weights: weights)
                }
            } catch {
                throw CalibrationError("\(name) from \(source): the loads do not separate \(kept.map(\.key).joined(separator: " and ")) from base_mb (\(error))")
            }
            guard let negative = kept.indices.first(where: { fit.coefficients[$0 + 1] < 0 }) else {
                return (fit, kept.map(\.key), notes)
            }
            let se = fit.standardErrors.map { " ± " + NumberFormat.short($0[negative + 1]) } ?? ""
            notes.append("\(kept[negative].key) fitted negative (\(NumberFormat.short(fit.coefficients[negative + 1]))\(se)): not used, set to 0")
            kept.remove(at: negative)
        }
    }

    /// A base below 0 is memory at no load below nothing: the data do not reach down to the
    /// model's line (a range of days, loads far from 0, the wrong unit). Refused, with the fit.
    static func refuseNegativeBase(_ fit: LinearFit, name: String, source: String, rows: Int) throws(CalibrationError) {
        let base = fit.coefficients[0]
        guard base < 0 else { return }
        let se = fit.standardErrors.map { " ± " + NumberFormat.short($0[0], digits: 2) } ?? ""
        throw CalibrationError("\(name) from \(source): base_mb fits \(NumberFormat.short(base, digits: 4))\(se) MB < 0 from \(rows) rows; memory at no load cannot be negative: the data cover too narrow a range of loads (or mix units); give more months or load levels further apart")
    }

    /// √(Σ (rᵢ / m̂ᵢ)² / (n − p)) with m̂ᵢ the fitted memory (offset included), and its
    /// standard error noise/√(2(n − p)); nil when n ≤ p.
    static func relativeNoise(y: [Double], fitted: [Double], offset: [Double], parameters: Int)
        -> (value: Double, standardError: Double)? {
        let degrees = y.count - parameters
        guard degrees > 0 else { return nil }
        var sum = 0.0
        for i in y.indices {
            let total = fitted[i] + offset[i]
            guard total > 0 else { continue }
            let relative = (y[i] - fitted[i]) / total
            sum += relative * relative
        }
        let noise = (sum / Double(degrees)).squareRoot()
        return (noise, noise / (2 * Double(degrees)).squareRoot())
    }
}
