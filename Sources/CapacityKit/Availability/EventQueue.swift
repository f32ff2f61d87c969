/// The next event time of each replica of a path, kept so that the replicas'
/// failures and repairs come out merged in time order.
///
/// Every replica always has exactly one pending event, so the only update is
/// "replica r has a new next time". Two strategies, chosen by the replica count R:
///
/// - up to ``scanLimit`` replicas, a flat array scanned for its minimum: an
///   update is one store, the next event R loads and selects (no branches);
/// - beyond, a tournament tree (a binary tree of minima over the replicas): an
///   update replays the ⌈log₂ R⌉ matches on the replica's way to the root, each
///   a branch-free comparison of two siblings; the next event is the root.
///
/// Both give the earliest time, and among equal times the lowest replica index
/// (a scan keeps the first minimum; in the tree the left sibling wins a tie and
/// leaves are in index order), so the order is deterministic and the same
/// whichever strategy runs. Storage is flat (times and winners of every node
/// side by side), reused from path to path; nothing is allocated per event.
struct EventQueue {
    /// At most this many replicas are scanned instead of kept in a tree.
    static let scanLimit = 8

    /// The replica count.
    private(set) var count = 0
    /// Leaves: the smallest power of two ≥ the replica count (at least 1).
    private var leafCount = 1
    /// Node n's earliest time; nodes 1 ..< leafCount are matches, leafCount ..< 2·leafCount leaves.
    private var times: [Double] = [.infinity, .infinity]
    /// Node n's winning replica index.
    private var winners: [Int32] = [0, 0]

    init() {}

    /// A queue over `times.count` replicas, replica i's next event at `times[i]`.
    init(times initial: [Double]) {
        reset(count: initial.count)
        for (replica, time) in initial.enumerated() { setLeaf(replica, time) }
        rebuild()
    }

    /// True when the queue scans its leaves rather than keeping a tree.
    private var scans: Bool { count <= Self.scanLimit }

    /// The replica with the earliest next event and that event's time; nil without replicas.
    var first: (replica: Int, time: Double)? {
        guard count > 0 else { return nil }
        guard scans else { return (Int(winners[1]), times[1]) }
        var best = 0
        for replica in 1..<count where times[leafCount + replica] < times[leafCount + best] { best = replica }
        return (best, times[leafCount + best])
    }

    /// Makes room for `count` replicas, every one at +∞ until ``setLeaf(_:_:)``
    /// and ``rebuild()``; keeps the storage's capacity.
    ///
    /// Complexity: O(count).
    mutating func reset(count: Int) {
        precondition(count >= 0 && count < Int(Int32.max), "EventQueue holds at most 2³¹ − 1 replicas")
        self.count = count
        var leaves = 1
        while leaves < count { leaves *= 2 }
        leafCount = leaves
        times.removeAll(keepingCapacity: true)
        times.append(contentsOf: repeatElement(.infinity, count: 2 * leaves))
        winners.removeAll(keepingCapacity: true)
        winners.append(contentsOf: repeatElement(0, count: leaves))
        winners.append(contentsOf: (0..<Int32(leaves)))
    }

    /// Sets replica `replica`'s time without replaying its matches (call ``rebuild()`` after the last).
    mutating func setLeaf(_ replica: Int, _ time: Double) {
        times[leafCount + replica] = time
    }

    /// Replays every match, O(R).
    mutating func rebuild() {
        guard !scans else { return }
        withView { view in
            for node in stride(from: view.leafCount - 1, through: 1, by: -1) { view.replay(node) }
        }
    }

    /// Sets the next event time of `replica` and replays its matches, O(log R).
    mutating func reschedule(_ replica: Int, at time: Double) {
        withView { $0.reschedule(replica, at: time) }
    }

    /// Runs `body` on a view of the storage, for loops that take the next event
    /// and reschedule it many times: the view holds the storage's addresses, so
    /// it checks neither bounds nor uniqueness per event.
    mutating func withView<Result>(_ body: (View) -> Result) -> Result {
        let (leafCount, count, scans) = (self.leafCount, self.count, self.scans)
        return times.withUnsafeMutableBufferPointer { times in
            winners.withUnsafeMutableBufferPointer { winners in
                body(View(times: times.baseAddress!, winners: winners.baseAddress!, leafCount: leafCount,
                          count: count, scans: scans))
            }
        }
    }

    /// A queue's storage, valid inside ``EventQueue/withView(_:)``.
    struct View {
        fileprivate let times: UnsafeMutablePointer<Double>
        fileprivate let winners: UnsafeMutablePointer<Int32>
        fileprivate let leafCount: Int
        /// The replica count.
        let count: Int
        fileprivate let scans: Bool

        /// The replica with the earliest next event and its time.
        ///
        /// - Precondition: `count ≥ 1`.
        @inline(__always)
        func first() -> (replica: Int, time: Double) {
            guard scans else { return (Int(winners[1]), times[1]) }
            let leaves = times + leafCount
            var best = 0, bestTime = leaves[0]
            for replica in 1..<Swift.max(count, 1) {
                let time = leaves[replica]
                let earlier = time < bestTime
                best = earlier ? replica : best
                bestTime = earlier ? time : bestTime
            }
            return (best, bestTime)
        }

        /// Sets the next event time of `replica` and replays its matches.
        @inline(__always)
        func reschedule(_ replica: Int, at time: Double) {
            var node = leafCount &+ replica
            times[node] = time
            guard !scans else { return }
            node /= 2
            while node >= 1 {
                replay(node)
                node /= 2
            }
        }

        /// Node `node` takes the earlier of its two children; the left one on a tie.
        /// Both candidates are loaded and one is selected, without a branch: which
        /// child wins is as unpredictable as the events.
        @inline(__always)
        fileprivate func replay(_ node: Int) {
            let left = 2 &* node, right = left &+ 1
            let leftTime = times[left], rightTime = times[right]
            let leftWinner = winners[left], rightWinner = winners[right]
            let rightWins = rightTime < leftTime
            times[node] = rightWins ? rightTime : leftTime
            winners[node] = rightWins ? rightWinner : leftWinner
        }
    }
}
