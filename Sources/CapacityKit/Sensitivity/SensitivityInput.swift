import Foundation

/// One input of a sensitivity analysis: what it is, its value in the model,
/// and the low and high values it is moved to.
///
/// **Uncertain** inputs are the model's random draws, moved from their P10 to
/// their P90 (z = ∓1.2816):
///
///     traffic.growth        growth rate g ~ N(mean, sd):              mean ∓ z·sd
///     traffic.volatility    month-to-month noise, summed over the horizon and spread evenly
///                           (a steady shift of the monthly rate):     ∓ z·volatility/√(E + months − 1)
///                           (E: the months simulated before the first shown, ``Model/elapsedMonths``)
///     traffic.peak_factor   peak ÷ average ~ N(mean, sd) censored at 1: max(1, mean ∓ z·sd)
///     services.<s>.noise    service memory × (1 + noise·Z):           × max(0, 1 ∓ z·noise)
///     deployment.stages.<x>.failure_rate  a rate known from counts, Beta(f + 1, n − f + 1): its P10, P90
///
/// **Fixed estimates** (a growth sd, a memory slope, a hold time, a worker pool's
/// service time — its P50 and P95 scaled together — and its workers per node, rounded
/// to a whole number ≥ 1, a stage's failure rate, a component's availability, …) are not varied unless a swing
/// is given (`--swing 20%`), which moves each by ± that fraction — a
/// probability near 1 (an availability, a rollback's success rate) by its
/// complement, 1 − p ± 20 %.
public struct SensitivityInput: Sendable, Equatable {
    /// How the input takes part.
    public enum Kind: Sendable, Equatable {
        /// Random in the model: from its P10 to its P90.
        case uncertain
        /// A fixed estimate, not varied.
        case fixed
        /// A fixed estimate moved by ± this fraction.
        case swung(Double)
    }

    /// How its values read: a monthly rate, a factor, a relative change, MB per unit, …
    public enum Unit: String, Sendable, Equatable {
        case rate, share, factor, relative, megabytesPerRPS, megabytesPerConnection, milliseconds, count, probability
        case hours, minutes
    }

    /// The part of the model it stands for, and how a value goes in.
    enum Target: Sendable, Equatable {
        case growthRate, volatility, peakFactor, serviceNoise(String)
        case growthMean, growthSD, volatilityMagnitude, peakMean, peakSD
        case perRPS(String), perConnection(String), noiseMagnitude(String)
        case holdMS(String), queriesPerRequest(String)
        case serviceTime(String), workersPerNode(String)
        case stageRate(String), rollbackFailure
        case unavailability(String), mtbf(String), mttr(String)
    }

    /// The random stream's name (uncertain) or the key path as `--set` takes it (fixed).
    public let key: String
    public let label: String
    public let kind: Kind
    public let unit: Unit
    /// Its value in the model — the median of an uncertain one — and the values it is moved to.
    public let base: Double
    public let low: Double
    public let high: Double
    let target: Target

    /// z of the P90 of a standard normal, Φ⁻¹(0.9).
    public static let z90 = 1.2815515655446004

    /// True when it moves (its low and high differ).
    public var varies: Bool { low != high }
}

extension SensitivityInput {
    /// The inputs of `model` that can move a figure of `engine`, in model order: the
    /// uncertain ones, then the fixed estimates (moved by ± `swing` when it is given).
    /// `stageQuantiles` gives the P10 and P90 of each counted stage's rate (by name).
    static func catalogue(_ model: Model, engine: SensitivityMetric.Engine, months: Int, swing: Double?,
                          stageQuantiles: [String: (low: Double, high: Double)] = [:]) -> [SensitivityInput] {
        let z = z90
        var uncertain: [SensitivityInput] = [], fixed: [SensitivityInput] = []
        func estimate(_ key: String, _ label: String, _ unit: Unit, _ value: Double, _ target: Target,
                      floor: Double = -.infinity, ceiling: Double = .infinity) {
            guard value != 0 else { return }
            if let swing {
                fixed.append(SensitivityInput(key: key, label: label, kind: .swung(swing), unit: unit, base: value,
                                              low: min(ceiling, max(floor, value * (1 - swing))),
                                              high: min(ceiling, max(floor, value * (1 + swing))), target: target))
            } else {
                fixed.append(SensitivityInput(key: key, label: label, kind: .fixed, unit: unit, base: value, low: value,
                                              high: value, target: target))
            }
        }
        switch engine {
        case .forecast, .timeline:
            let growth = model.traffic.growth, peak = model.traffic.peakFactor
            if growth.sd > 0 {
                uncertain.append(SensitivityInput(key: "traffic.growth", label: "traffic growth rate", kind: .uncertain,
                                                  unit: .rate, base: growth.mean, low: growth.mean - z * growth.sd,
                                                  high: growth.mean + z * growth.sd, target: .growthRate))
            }
            if growth.volatility > 0 {
                // Every simulated month compounds the noise, the elapsed ones (old inputs) included.
                let steps = months + model.elapsedMonths - 1
                let shift = steps > 0 ? z * growth.volatility / Double(steps).squareRoot() : 0
                uncertain.append(SensitivityInput(key: "traffic.volatility", label: "month-to-month noise", kind: .uncertain,
                                                  unit: .rate, base: 0, low: -shift, high: shift, target: .volatility))
            }
            if peak.sd > 0 {
                uncertain.append(SensitivityInput(key: "traffic.peak_factor", label: "peak factor", kind: .uncertain,
                                                  unit: .factor, base: max(1, peak.mean), low: max(1, peak.mean - z * peak.sd),
                                                  high: max(1, peak.mean + z * peak.sd), target: .peakFactor))
            }
            for service in model.services where service.memory.noise > 0 {
                let noise = service.memory.noise
                uncertain.append(SensitivityInput(key: "services.\(service.name).noise", label: "\(service.name) memory noise",
                                                  kind: .uncertain, unit: .relative, base: 0, low: max(-1, -z * noise),
                                                  high: z * noise, target: .serviceNoise(service.name)))
            }
            if growth.sd == 0 { estimate("traffic.growth.mean", "traffic growth rate", .rate, growth.mean, .growthMean) }
            estimate("traffic.growth.sd", "growth rate sd", .rate, growth.sd, .growthSD)
            estimate("traffic.growth.volatility", "month-to-month noise sd", .rate, growth.volatility, .volatilityMagnitude)
            if peak.sd == 0, peak.mean > 1 { estimate("traffic.peak_factor.mean", "peak factor", .factor, peak.mean, .peakMean, floor: 1) }
            estimate("traffic.peak_factor.sd", "peak factor sd", .factor, peak.sd, .peakSD)
            for service in model.services {
                let name = service.name
                estimate("services.\(name).memory.per_rps_mb", "\(name) memory per rps", .megabytesPerRPS,
                         service.memory.perRPSMB, .perRPS(name))
                estimate("services.\(name).memory.per_connection_mb", "\(name) memory per connection",
                         .megabytesPerConnection, service.memory.perConnectionMB, .perConnection(name))
                estimate("services.\(name).memory.noise", "\(name) memory noise sd", .share, service.memory.noise,
                         .noiseMagnitude(name))
            }
            for pool in model.pools {
                estimate("pools.\(pool.name).hold_ms", "pool \(pool.name) hold time", .milliseconds, pool.holdMS, .holdMS(pool.name))
                estimate("pools.\(pool.name).queries_per_request", "pool \(pool.name) queries per request", .count,
                         pool.queriesPerRequest, .queriesPerRequest(pool.name))
            }
            for worker in model.workers {
                // The service time moves as a whole (its mean, or its P50 and P95 together: the same spread).
                let (key, time) = switch worker.serviceTime {
                case .mean(let ms): ("workers.\(worker.name).service_ms", ms)
                case .percentiles(let p50, _): ("workers.\(worker.name).service_ms.p50", p50)
                }
                estimate(key, "workers \(worker.name) service time", .milliseconds, time, .serviceTime(worker.name))
                estimate("workers.\(worker.name).per_node", "workers \(worker.name) per node", .count, Double(worker.perNode),
                         .workersPerNode(worker.name), floor: 1)
            }
        case .deployment:
            guard let deployment = model.deployment else { break }
            for stage in deployment.stages {
                let key = "deployment.stages.\(stage.name).failure_rate"
                switch stage.failure {
                case .counts:
                    guard let quantiles = stageQuantiles[stage.name] else { continue }
                    uncertain.append(SensitivityInput(key: key, label: "\(stage.name) failure rate", kind: .uncertain,
                                                      unit: .probability, base: stage.failure.pointEstimate,
                                                      low: quantiles.low, high: quantiles.high, target: .stageRate(stage.name)))
                case .rate(let rate):
                    estimate(key, "\(stage.name) failure rate", .probability, rate, .stageRate(stage.name), floor: 0, ceiling: 1)
                }
            }
            estimate("deployment.rollback.success_rate", "rollback failure (1 − success rate)", .probability,
                     1 - deployment.rollback.successRate, .rollbackFailure, floor: 0, ceiling: 1)
        case .availability:
            guard let availability = model.availability else { break }
            for component in availability.components where component.criticalPath {
                let key = "availability.components.\(component.name)"
                switch component.reliability {
                case .availability(let a):
                    estimate("\(key).availability", "\(component.name) unavailability (1 − availability)", .probability,
                             1 - a, .unavailability(component.name), floor: 0, ceiling: 1)
                case .failureAndRepair(let mtbf, let mttr):
                    estimate("\(key).mtbf_hours", "\(component.name) MTBF", .hours, mtbf, .mtbf(component.name), floor: 0.1)
                    estimate("\(key).mttr_minutes", "\(component.name) MTTR", .minutes, mttr, .mttr(component.name), floor: 0)
                }
            }
        }
        return uncertain + fixed
    }

    /// `model` with this input at `value` (one of ``base``, ``low``, ``high``); every other
    /// input as the model has it. An uncertain input is pinned on every path (its spread set
    /// to 0): the month-to-month noise as the steady shift of the monthly rate it stands for.
    func pinned(_ model: Model, at value: Double) -> Model {
        var model = model
        func service(_ name: String, _ change: (inout Model.Service) -> Void) {
            if let index = model.services.firstIndex(where: { $0.name == name }) { change(&model.services[index]) }
        }
        func pool(_ name: String, _ change: (inout Model.Pool) -> Void) {
            if let index = model.pools.firstIndex(where: { $0.name == name }) { change(&model.pools[index]) }
        }
        func worker(_ name: String, _ change: (inout Model.Worker) -> Void) {
            if let index = model.workers.firstIndex(where: { $0.name == name }) { change(&model.workers[index]) }
        }
        func stage(_ name: String, _ change: (inout Model.Stage) -> Void) {
            if let index = model.deployment?.stages.firstIndex(where: { $0.name == name }) { change(&model.deployment!.stages[index]) }
        }
        func component(_ name: String, _ change: (inout Model.Component) -> Void) {
            if let index = model.availability?.components.firstIndex(where: { $0.name == name }) {
                change(&model.availability!.components[index])
            }
        }
        switch target {
        case .growthRate: model.traffic.growth.mean = value; model.traffic.growth.sd = 0
        case .volatility: model.traffic.growth.mean += value; model.traffic.growth.volatility = 0
        case .peakFactor: model.traffic.peakFactor = Model.MeanAndSD(mean: value, sd: 0)
        case .serviceNoise(let name):
            service(name) { service in
                let factor = 1 + value
                service.memory.baseMB *= factor
                service.memory.perRPSMB *= factor
                service.memory.perConnectionMB *= factor
                service.memory.noise = 0
            }
        case .growthMean: model.traffic.growth.mean = value
        case .growthSD: model.traffic.growth.sd = value
        case .volatilityMagnitude: model.traffic.growth.volatility = value
        case .peakMean: model.traffic.peakFactor.mean = value
        case .peakSD: model.traffic.peakFactor.sd = value
        case .perRPS(let name): service(name) { $0.memory.perRPSMB = value }
        case .perConnection(let name): service(name) { $0.memory.perConnectionMB = value }
        case .noiseMagnitude(let name): service(name) { $0.memory.noise = value }
        case .holdMS(let name): pool(name) { $0.holdMS = value }
        case .queriesPerRequest(let name): pool(name) { $0.queriesPerRequest = value }
        case .serviceTime(let name):
            worker(name) { worker in
                switch worker.serviceTime {
                case .mean: worker.serviceTime = .mean(value)
                case .percentiles(let p50, let p95): worker.serviceTime = .percentiles(p50: value, p95: p95 * value / p50)
                }
            }
        case .workersPerNode(let name):
            // The pools that follow the worker pool's processes follow it (Model.setWorkers).
            model.setWorkers(name, perNode: max(1, Int(value.rounded())))
        case .stageRate(let name): stage(name) { $0.failure = .rate(value) }
        case .rollbackFailure: model.deployment?.rollback.successRate = 1 - value
        case .unavailability(let name): component(name) { $0.reliability = .availability(1 - value) }
        case .mtbf(let name):
            component(name) {
                if case .failureAndRepair(_, let mttr) = $0.reliability { $0.reliability = .failureAndRepair(mtbfHours: value, mttrMinutes: mttr) }
            }
        case .mttr(let name):
            component(name) {
                if case .failureAndRepair(let mtbf, _) = $0.reliability { $0.reliability = .failureAndRepair(mtbfHours: mtbf, mttrMinutes: value) }
            }
        }
        return model
    }
}
