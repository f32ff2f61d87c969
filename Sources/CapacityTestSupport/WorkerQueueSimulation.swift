import CapacityKit
import Foundation

/// A discrete-event simulation of the M/G/c queue — Poisson arrivals at `rps`, `workers`
/// servers, one FIFO queue, service times drawn from a ``ServiceTime`` (exponential or
/// lognormal) — to judge ``WorkerQueue``'s exact M/M/c figures and its M/G/c approximation.
///
/// FIFO with c servers: each arrival starts at max(its arrival, the earliest time a server
/// is free) and holds that server for its service time (Kiefer–Wolfowitz's recursion on the
/// servers' free times). Response times are counted in arrival order after a warm-up, in
/// equal batches; each percentile is the mean of the batches' percentiles, with standard
/// error s/√batches. Random numbers come from one Philox stream of `seed`.
public enum WorkerQueueSimulation {
    /// A batch-means estimate, ms.
    public struct Estimate: Sendable {
        public var mean: Double
        public var standardError: Double
    }

    /// The response time's `levels` quantiles (e.g. 0.5, 0.95, 0.99), in that order.
    public static func responsePercentiles(rps: Double, workers: Int, service: ServiceTime, levels: [Double],
                                           batches: Int, customersPerBatch: Int, warmUp: Int,
                                           seed: UInt64) -> [Estimate] {
        var generator = StreamKey(seed: seed, path: 0, stream: 0).generator
        var free = [Double](repeating: 0, count: workers)
        var time = 0.0
        let meanGap = 1000 / rps
        func draw() -> Double {
            let u = generator.nextUniform()
            switch service.shape {
            case .exponential: return -service.meanMS * log(u)
            case .lognormal(let m, let s): return exp(m + s * Normal.quantile(u))
            }
        }
        var perBatch = [[Double]](repeating: [], count: levels.count)
        var batch: [Double] = []
        batch.reserveCapacity(customersPerBatch)
        for index in 0..<(warmUp + batches * customersPerBatch) {
            time += -meanGap * log(generator.nextUniform())
            var earliest = 0
            for k in 1..<workers where free[k] < free[earliest] { earliest = k }
            let start = max(time, free[earliest])
            let done = start + draw()
            free[earliest] = done
            guard index >= warmUp else { continue }
            batch.append(done - time)
            if batch.count == customersPerBatch {
                batch.sort()
                for (j, level) in levels.enumerated() {
                    perBatch[j].append(batch[min(batch.count - 1, Int((level * Double(batch.count)).rounded(.down)))])
                }
                batch.removeAll(keepingCapacity: true)
            }
        }
        return perBatch.map { values in
            let (mean, standardError) = GoodnessOfFit.meanAndStandardError(values)
            return Estimate(mean: mean, standardError: standardError)
        }
    }
}
