import Testing
@testable import CapacityKit

@Suite struct ChunkedRunnerTests {
    @Test("a plan covers every path once, in chunks of at most chunkSize")
    func plan() {
        let plan = ChunkPlan(paths: 10, chunkSize: 4)
        #expect(plan.chunkCount == 3)
        #expect((0..<plan.chunkCount).map(plan.range(of:)) == [0..<4, 4..<8, 8..<10])
    }

    @Test("reduce folds chunk results in chunk order on any number of threads")
    func reduceOrder() {
        for threads in [1, 2, 5] {
            let folded = ChunkedRunner.reduce(ChunkPlan(paths: 1000, chunkSize: 7), threads: threads, into: [Int](),
                                              { $0.lowerBound }, combine: { $0.append($1) })
            #expect(folded == Array(stride(from: 0, to: 1000, by: 7)), "threads \(threads)")
        }
    }

    @Test("accumulate runs every chunk exactly once across the workers")
    func accumulateCoverage() {
        for threads in [1, 2, 4] {
            let workers = ChunkedRunner.accumulate(ChunkPlan(paths: 1003, chunkSize: 10), threads: threads,
                                                   make: { [Int]() }) { seen, range in seen += Array(range) }
            // One accumulator per worker, never more workers than cores (memory: ChunkedRunner.maximumWorkers).
            #expect(workers.count == min(threads, ChunkedRunner.maximumWorkers))
            #expect(workers.flatMap { $0 }.sorted() == Array(0..<1003), "threads \(threads)")
        }
    }
}
