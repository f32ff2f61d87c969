extension OutageTimeline {
    /// What one worker reuses from path to path: each replica's state, its drawn
    /// cycles, per-component counts and the event queue, so that nothing is
    /// allocated per path or per event.
    struct Workspace {
        var states: [ReplicaState] = []
        /// Drawn cycles of every replica (``Replica/slot`` onwards): up and repair
        /// minutes, and 1 where the repair follows a failed switch-over.
        var upMinutes: [Double] = []
        var repairMinutes: [Double] = []
        var switchOverFailed: [UInt8] = []
        /// Per component: replicas up, and active replicas down after a failed switch-over.
        var upReplicas: [Int] = []
        var failedSwitchOvers: [Int] = []
        var queue = EventQueue()

        init() {}
    }

    /// Where a replica is on the current path.
    struct ReplicaState {
        var isUp = true
        var switchOverFailed = false
        /// The cycle in progress: its up time (when up) or its repair (when down); −1
        /// while the repair in progress at the start lasts.
        var cycle = 0
        /// The drawn cycles: `firstDrawn ..< firstDrawn + drawn`, in the replica's slots.
        var firstDrawn = 0
        var drawn = 0
    }
}

extension OutageTimeline.Workspace {
    /// The workspace's arrays for the duration of one path.
    struct Storage {
        let states: UnsafeMutableBufferPointer<OutageTimeline.ReplicaState>
        let upMinutes: UnsafeMutableBufferPointer<Double>
        let repairMinutes: UnsafeMutableBufferPointer<Double>
        let switchOverFailed: UnsafeMutableBufferPointer<UInt8>
        let upReplicas: UnsafeMutableBufferPointer<Int>
        let failedSwitchOvers: UnsafeMutableBufferPointer<Int>

        @inline(__always)
        func isDown(_ component: Int, required: Int) -> Bool {
            upReplicas[component] < required || failedSwitchOvers[component] > 0
        }
    }
}
