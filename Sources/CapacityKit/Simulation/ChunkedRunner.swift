import Dispatch
import Foundation
import Synchronization

/// How `paths` Monte Carlo paths split into chunks of at most `chunkSize`.
///
/// Chunks bound memory whatever the path count: a run holds one chunk's
/// buffers per thread. Path `i` always draws from its own streams
/// (``StreamKey``), so the split never changes a path's numbers.
public struct ChunkPlan: Sendable, Equatable {
    public let paths: Int
    public let chunkSize: Int

    /// - Precondition: `paths ≥ 1`, `chunkSize ≥ 1`.
    public init(paths: Int, chunkSize: Int) {
        precondition(paths >= 1 && chunkSize >= 1, "ChunkPlan needs paths ≥ 1 and chunkSize ≥ 1")
        self.paths = paths
        self.chunkSize = chunkSize
    }

    /// ⌈paths / chunkSize⌉, without forming paths + chunkSize − 1 (which
    /// overflows for a chunk size near `Int.max`).
    public var chunkCount: Int { paths / chunkSize + (paths % chunkSize == 0 ? 0 : 1) }

    /// The path indices of chunk `index` (lower bounds stay below `paths`, so
    /// neither product nor sum can overflow).
    public func range(of index: Int) -> Range<Int> {
        let lower = index * chunkSize
        return lower..<(lower + min(chunkSize, paths - lower))
    }
}

/// Runs the chunks of a plan on worker threads and folds their results in
/// chunk order. The workers are the engine's parallelism; OpenBLAS's own
/// threads are left to the host program (``BLAS/setThreadCount(_:)``).
///
/// Workers take the next unclaimed chunk until none is left. A finished
/// chunk's result waits only until every earlier chunk has been folded in, so
/// few results are held at once, and the fold sees chunks in the same order on
/// 1 or N threads: a floating-point fold gives bit-identical results.
public enum ChunkedRunner {
    /// The most workers ``accumulate(_:threads:make:_:)`` starts: the machine's active cores
    /// (more threads than cores add an accumulator each and no speed).
    public static let maximumWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Folds `body(range)` of every chunk into `initial` with `combine`, in chunk order.
    public static func reduce<Result: Sendable, Accumulator: Sendable>(
        _ plan: ChunkPlan, threads: Int, into initial: Accumulator,
        _ body: @escaping @Sendable (Range<Int>) -> Result,
        combine: @escaping @Sendable (inout Accumulator, Result) -> Void
    ) -> Accumulator {
        let workers = max(1, min(threads, plan.chunkCount))
        let state = Mutex(State<Result, Accumulator>(count: plan.chunkCount, accumulator: initial))
        let work: @Sendable (Int) -> Void = { _ in
            while true {
                let chunk = state.withLock { $0.claim() }
                guard let chunk else { return }
                let result = body(plan.range(of: chunk))
                state.withLock { $0.finish(chunk, result, combine) }
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return state.withLock { $0.accumulator }
    }

    /// Runs every chunk into a per-worker accumulator and returns the workers'
    /// accumulators. Which worker ran which chunk depends on timing, so this is
    /// only for accumulators whose merge is exact and order-free (integer
    /// counts): it saves building and folding one result per chunk.
    public static func accumulate<Accumulator: Sendable>(
        _ plan: ChunkPlan, threads: Int, make: @escaping @Sendable () -> Accumulator,
        _ body: @escaping @Sendable (inout Accumulator, Range<Int>) -> Void
    ) -> [Accumulator] {
        // Each worker holds an accumulator (a forecast's: every month's histograms), so workers
        // beyond the machine's cores would only add memory: results never depend on the count.
        let workers = max(1, min(threads, plan.chunkCount, maximumWorkers))
        let next = Mutex(0)
        let results = Mutex([Accumulator?](repeating: nil, count: workers))
        let work: @Sendable (Int) -> Void = { worker in
            var accumulator = make()
            while true {
                let chunk: Int? = next.withLock { index in
                    guard index < plan.chunkCount else { return nil }
                    defer { index += 1 }
                    return index
                }
                guard let chunk else { break }
                body(&accumulator, plan.range(of: chunk))
            }
            results.withLock { $0[worker] = accumulator }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return results.withLock { $0.map { $0! } }
    }

    private struct State<Result, Accumulator> {
        var next = 0
        var folded = 0
        var pending: [Int: Result] = [:]
        let count: Int
        var accumulator: Accumulator

        init(count: Int, accumulator: Accumulator) {
            self.count = count
            self.accumulator = accumulator
        }

        mutating func claim() -> Int? {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }

        mutating func finish(_ chunk: Int, _ result: Result,
                             _ combine: (inout Accumulator, Result) -> Void) {
            pending[chunk] = result
            while let ready = pending.removeValue(forKey: folded) {
                combine(&accumulator, ready)
                folded += 1
            }
        }
    }
}
