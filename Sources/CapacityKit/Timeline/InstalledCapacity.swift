/// The capacity in force in one month under a plan: what the forecast sees
/// (a ``Provision``) and what it costs.
///
///     cost per month = Σ node prices + Σ costs of the limit and pool options applied
public struct InstalledCapacity: Sendable, Equatable {
    /// Nodes, usable MB per node, limits and pool connections, in the model's order.
    public var provision: Provision
    /// Physical memory per node, MB (the smallest when nodes differ).
    public var nodeMemoryMB: Double
    /// Price of each node per month.
    public var nodePrices: [Double]
    /// Monthly cost of the limit and pool options applied.
    public var otherCosts: Double
    /// Pool sizes (connections per app process), model order.
    public var poolSizes: [Int]

    /// The model's own capacity: `host.nodes` nodes at `host.cost_per_month` each.
    public init(_ model: Model) {
        provision = Provision(model)
        nodeMemoryMB = model.host.memoryMB
        nodePrices = Array(repeating: model.host.costPerMonth, count: model.host.nodes)
        otherCosts = 0
        poolSizes = model.pools.map(\.size)
    }

    /// What this capacity costs per month.
    public var costPerMonth: Double { nodePrices.reduce(0, +) + otherCosts }
}
