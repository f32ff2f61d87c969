import CapacityKit
import Foundation

/// A discrete-event simulation of the M/M/c+D queue — Poisson arrivals at rate
/// a, c servers with exponential holding times of mean 1, one FIFO queue, and
/// every customer leaving after exactly `patience` without a server — to judge
/// ``TimeoutQueue``'s exact figures.
///
/// Between events the rates are constant, so the next event comes after an
/// Exp(a + busy) time and is an arrival with probability a/(a + busy), else a
/// completion. Patience is the same for everyone, so customers give up in
/// arrival order: at each completion the queue's head is dropped while it has
/// waited longer than `patience` (they left at arrival + patience), and the
/// next is served. Customers are counted in arrival order, after a warm-up,
/// in equal batches; each figure's standard error is that of its batch means
/// (s/√batches). Random numbers come from one Philox stream of `seed`.
public enum TimeoutQueueSimulation {
    /// A batch-means estimate.
    public struct Estimate: Sendable {
        public var mean: Double
        public var standardError: Double
    }

    public struct Result: Sendable {
        /// Share of customers that found every server busy.
        public var pWait: Estimate
        /// Share of customers that gave up.
        public var timeoutShare: Estimate
        /// Mean wait of the customers served (zero waits included), in holding times.
        public var meanWaitServed: Estimate
    }

    public static func run(servers: Int, offeredLoad a: Double, patience: Double, batches: Int,
                           customersPerBatch: Int, warmUp: Int, seed: UInt64) -> Result {
        var generator = StreamKey(seed: seed, path: 0, stream: 0).generator
        var time = 0.0, busy = 0
        var queue: [Double] = [], head = 0
        var counted = 0
        var waited = [Double](repeating: 0, count: batches), gaveUp = waited, served = waited, waits = waited
        let total = warmUp + batches * customersPerBatch

        func record(waited didWait: Bool, gaveUp didGiveUp: Bool, wait: Double) {
            defer { counted += 1 }
            guard counted >= warmUp, counted < total else { return }
            let batch = (counted - warmUp) / customersPerBatch
            if didWait { waited[batch] += 1 }
            if didGiveUp { gaveUp[batch] += 1 } else { served[batch] += 1; waits[batch] += wait }
        }

        while counted < total {
            let rate = a + Double(busy)
            time += -log(generator.nextUniform()) / rate
            if generator.nextUniform() * rate < a {
                if busy < servers {
                    busy += 1
                    record(waited: false, gaveUp: false, wait: 0)
                } else {
                    queue.append(time)
                }
            } else {
                while head < queue.count && queue[head] + patience < time {
                    head += 1
                    record(waited: true, gaveUp: true, wait: patience)
                }
                if head < queue.count {
                    record(waited: true, gaveUp: false, wait: time - queue[head])
                    head += 1
                } else {
                    busy -= 1
                }
                if head > 4096 && head * 2 > queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
            }
        }
        let n = Double(customersPerBatch)
        return Result(pWait: estimate(waited.map { $0 / n }),
                      timeoutShare: estimate(gaveUp.map { $0 / n }),
                      meanWaitServed: estimate(zip(waits, served).map { $0 / $1 }))
    }

    /// Mean of the batch means and its standard error s/√batches.
    static func estimate(_ means: [Double]) -> Estimate {
        let (mean, standardError) = GoodnessOfFit.meanAndStandardError(means)
        return Estimate(mean: mean, standardError: standardError)
    }
}
