/// What is provisioned in one month: the capacity of every resource.
///
/// The model gives one provision for the whole horizon; a scaling option (a
/// bigger node, another node, a raised limit, a larger pool) is another
/// provision from the month it applies, on the same random paths.
public struct Provision: Sendable, Equatable {
    public var nodes: Int
    /// Usable memory per node, MB.
    public var usableMB: Double
    /// Container limit of each service (model order), MB; nil: no limit.
    public var limitsMB: [Double?]
    /// Connections each pool can use on all nodes (model order):
    /// min(size × instances_per_node × nodes, max_connections − reserved_connections).
    public var poolConnections: [Double]

    /// The model's own capacity.
    public init(_ model: Model) {
        nodes = model.host.nodes
        usableMB = model.host.usableMB
        limitsMB = model.services.map(\.limitMB)
        poolConnections = model.pools.map { Double($0.connectionCapacity(nodes: model.host.nodes)) }
    }
}

extension Provision {
    /// This provision, given in `model`'s order, in `other`'s order: the same
    /// services and pools, matched by name (the simulator runs sorted by name).
    ///
    /// - Precondition: `other` has the same service and pool names as `model`.
    func reordered(from model: Model, to other: Model) -> Provision {
        var result = self
        result.limitsMB = other.services.map { service in limitsMB[model.services.firstIndex { $0.name == service.name }!] }
        result.poolConnections = other.pools.map { pool in poolConnections[model.pools.firstIndex { $0.name == pool.name }!] }
        return result
    }
}
