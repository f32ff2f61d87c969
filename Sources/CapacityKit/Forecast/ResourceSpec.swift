/// One resource the forecast simulates, as the simulator, the tallies and the
/// result see it: what it is, which row of the month's demand it reads, its
/// capacity in a month's provision, and the observer that counts it.
///
/// ``PathSimulator`` runs a list of these, its demand functions' resources
/// (``ResourceDemand/resources``), and keeps one ``ResourceTally`` per entry: a kind
/// of resource is entries in that list, not a branch in the month loop.
struct ResourceSpec: Sendable {
    /// Kind, name, the model's capacity and levels: what the result reports.
    var resource: Resource
    /// Whether the result lists it among the resources that can run out. A service
    /// without `limit_mb` is simulated and tallied (its memory is shown) but never fails.
    var isReported: Bool
    /// Its row among its demand function's rows (``ResourceDemand/rows``); in
    /// ``PathSimulator/resources``, among all demand functions' rows.
    var row: Int
    /// Its capacity in a month's provision, in the resource's unit (+∞: it cannot fail).
    var capacity: @Sendable (Provision) -> Double
    /// Counts its demand against its levels by its kind's failure rule.
    var observer: ResourceObserver

    init(_ resource: Resource, row: Int, isReported: Bool = true, capacity: @escaping @Sendable (Provision) -> Double) {
        self.resource = resource
        self.row = row
        self.isReported = isReported
        self.capacity = capacity
        observer = ResourceObserver(levels: resource.levels, failsAtCapacity: resource.kind.failsAtCapacity)
    }

    /// Whether this is `other`'s resource (the same kind and name), whatever the order of the model's lists.
    func isSame(as other: ResourceSpec) -> Bool {
        resource.kind == other.resource.kind && resource.name == other.resource.name
    }
}
