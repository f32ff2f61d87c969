import Testing
@testable import CapacityKit

/// The ten-path rule (``PathSupport``) by hand.
@Suite struct PathSupportTests {
    /// A p-quantile needs ⌈10 / min(p, 1 − p)⌉ paths: P99 1,000, P90 100, P50 20, P10 100.
    @Test func quantilePaths() {
        #expect(PathSupport.pathsNeeded(quantile: 0.99) == 1_000)
        #expect(PathSupport.pathsNeeded(quantile: 0.9) == 100)
        #expect(PathSupport.pathsNeeded(quantile: 0.5) == 20)
        #expect(PathSupport.pathsNeeded(quantile: 0.1) == 100)
        #expect(!PathSupport.supportsQuantile(0.99, paths: 999))
        #expect(PathSupport.supportsQuantile(0.99, paths: 1_000))
    }

    /// A probability k/n: 1 of 10 ("10 %", SE 9.5 points) is not supported; 10 of 100 is (relative
    /// SE √(0.9/10) = 30 %); 0 of 10 and 10 of 10 print as the rule of three's bounds; 95 of 100
    /// rests on 5 paths on its far side.
    @Test func probabilities() {
        #expect(!PathSupport.supports(Proportion(hits: 1, trials: 10)))
        #expect(PathSupport.supports(Proportion(hits: 10, trials: 100)))
        #expect(PathSupport.supports(Proportion(hits: 0, trials: 10)))
        #expect(PathSupport.supports(Proportion(hits: 10, trials: 10)))
        #expect(!PathSupport.supports(Proportion(hits: 95, trials: 100)))
        #expect(PathSupport.supports(Proportion(hits: 90, trials: 100)))
    }

    /// The table's cell carries the mark: 1 of 10 → "~10%"; 500 of 1,000 unmarked.
    @Test func marks() {
        #expect(NumberFormat.probability(Proportion(hits: 1, trials: 10)).hasPrefix("~"))
        #expect(!NumberFormat.probability(Proportion(hits: 500, trials: 1_000)).hasPrefix("~"))
    }

    /// The note names --paths, the figures and the paths each needs; none at 100,000 paths.
    @Test func note() throws {
        let note = try #require(PathSupport.note(paths: 10, quantiles: [("P99", 0.99), ("P90", 0.9), ("P50", 0.5)], risk: 0.01))
        #expect(note.contains("--paths 10 is too few"))
        #expect(note.contains("P99 (needs ≥ 1,000 paths)"))
        #expect(note.contains("P90 (≥ 100)"))
        #expect(note.contains("P50 (≥ 20)"))
        #expect(note.contains("risk level"))
        #expect(note.contains("use --paths 1,000 or more"))
        #expect(PathSupport.note(paths: 100_000, quantiles: [("P99", 0.99)], risk: 0.01) == nil)
        // 500 paths: the P99 and the 1 % level lack support, the P90 has it.
        let mid = try #require(PathSupport.note(paths: 500, quantiles: [("P99", 0.99), ("P90", 0.9)], risk: 0.01))
        #expect(!mid.contains("P90"))
    }
}
