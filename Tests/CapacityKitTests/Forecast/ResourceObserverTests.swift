import Testing
@testable import CapacityKit

/// The failure rules have one home, ``ResourceObserver``: its per-path rules (what the
/// sensitivity's path sample reads) count what its kernel counts, on every value and on
/// values exactly at the levels, for memory (above) and pools (at or above).
@Suite struct ResourceObserverTests {
    @Test("per-path fails and isCritical count what observe counts", arguments: [Resource.Kind.host, .container, .pool])
    func perPathRules(kind: Resource.Kind) {
        let capacity = 200.0, levels = Model.Levels(warn: 0.75, critical: 0.9)
        let observer = ResourceObserver(levels: levels, failsAtCapacity: kind.failsAtCapacity)
        // 0, 0.5, 1 … 300: every level (150, 180, 200) is hit exactly.
        let demand = (0...600).map { Double($0) / 2 }
        var tally = ResourceTally(months: 1)
        var failedSoFar = [UInt8](repeating: 0, count: demand.count)
        demand.withUnsafeBufferPointer { values in
            observer.observe(values.baseAddress!, count: values.count, month: 0, capacity: capacity,
                             failedSoFar: &failedSoFar, into: &tally)
        }
        let fails = demand.filter { observer.fails($0, capacity: capacity) }.count
        let critical = demand.filter { observer.isCritical($0, capacity: capacity) }.count
        #expect(tally.fail[0] == fails && tally.critical[0] == critical, "\(kind)")
        #expect(fails == (kind == .pool ? 201 : 200), "\(kind): demand = capacity fails only at capacity")
        #expect(critical == (kind == .pool ? 241 : 240), "\(kind): demand = critical · capacity is critical only at capacity")
    }
}
