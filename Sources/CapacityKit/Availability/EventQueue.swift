/// The next event time of each replica of a path, kept as a binary min-heap so
/// that the replicas' failures and repairs come out merged in time order.
///
/// Every replica always has exactly one pending event, so the only update is
/// "the earliest replica has a new next time": O(log R) for R replicas.
/// Equal times come out by replica index, so the order is deterministic.
struct EventQueue {
    /// Replica indices in heap order.
    private var heap: [Int]
    /// Next event time by replica index.
    private var times: [Double]

    /// Builds the heap in O(R).
    init(times: [Double]) {
        self.times = times
        heap = Array(times.indices)
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(from: index) }
    }

    /// The replica with the earliest next event and that event's time; nil without replicas.
    var first: (replica: Int, time: Double)? {
        heap.first.map { ($0, times[$0]) }
    }

    /// Sets the next event time of the replica ``first`` returned and restores heap order.
    mutating func rescheduleFirst(at time: Double) {
        times[heap[0]] = time
        siftDown(from: 0)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        times[a] < times[b] || (times[a] == times[b] && a < b)
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let child = right < heap.count && precedes(heap[right], heap[left]) ? right : left
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }
}
