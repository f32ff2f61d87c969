import Dispatch
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

    /// ⌈paths / chunkSize⌉.
    public var chunkCount: Int { (paths + chunkSize - 1) / chunkSize }

    /// The path indices of chunk `index`.
    public func range(of index: Int) -> Range<Int> {
        let lower = index * chunkSize
        return lower..<min(lower + chunkSize, paths)
    }
}

/// Runs the chunks of a plan on `threads` worker threads and returns each
/// chunk's result in chunk order.
///
/// Workers take the next unclaimed chunk until none is left; the results are
/// then returned by chunk index, so merging them in order gives the same
/// floating-point result on 1 or N threads.
public enum ChunkedRunner {
    public static func map<Result: Sendable>(
        _ plan: ChunkPlan, threads: Int, _ body: @escaping @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        let workers = max(1, min(threads, plan.chunkCount))
        let state = Mutex(State<Result>(count: plan.chunkCount))
        let work: @Sendable (Int) -> Void = { _ in
            while true {
                let chunk = state.withLock { $0.claim() }
                guard let chunk else { return }
                let result = body(plan.range(of: chunk))
                state.withLock { $0.results[chunk] = result }
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return state.withLock { $0.results.map { $0! } }
    }

    private struct State<Result> {
        var next = 0
        var results: [Result?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        mutating func claim() -> Int? {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
