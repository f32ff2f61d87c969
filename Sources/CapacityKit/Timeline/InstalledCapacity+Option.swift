/// Why an option cannot be applied: said in the plan, never silently applied.
public struct OptionRefusal: Error, Sendable, Equatable {
    public var reason: String
}

extension InstalledCapacity {
    /// This capacity with `option` applied, or why it cannot be.
    ///
    /// - vertical: every node gets `memory_mb` (usable = memory_mb − reserved_mb) at `cost_per_month` each;
    /// - horizontal: one more node of `memory_mb` at `cost_per_month` (usable per node: the smaller
    ///   node's); each pool then asks for size × instances_per_node × (nodes + 1) connections, refused
    ///   when that exceeds max_connections − reserved_connections (the connection budget);
    /// - limit: the service's limit becomes `limitMB` (the resolved value of `limit_mb`);
    /// - pool: the pool's size becomes `size`, refused when it breaks the connection budget.
    ///
    /// `model` gives the reserved memory and the pools' budgets (its lists in the provision's order).
    public func applying(_ option: Model.ScalingOption, limitMB: Double? = nil,
                         model: Model) -> Result<InstalledCapacity, OptionRefusal> {
        var next = self
        switch option.kind {
        case .vertical:
            next.nodeMemoryMB = option.memoryMB
            next.provision.usableMB = option.memoryMB - model.host.reservedMB
            next.nodePrices = nodePrices.map { _ in option.costPerMonth }
        case .horizontal:
            let nodes = provision.nodes + 1
            for (k, pool) in model.pools.enumerated() {
                let requested = poolSizes[k] * pool.instancesPerNode * nodes
                if requested > pool.connectionsAccepted {
                    return .failure(OptionRefusal(reason:
                        "breaks the connection budget of pool \(pool.name): \(nodes) nodes × \(pool.instancesPerNode) × "
                        + "\(poolSizes[k]) = \(requested) connections > max_connections − reserved = \(pool.connectionsAccepted)"))
                }
            }
            next.provision.nodes = nodes
            next.nodeMemoryMB = min(nodeMemoryMB, option.memoryMB)
            next.provision.usableMB = min(provision.usableMB, option.memoryMB - model.host.reservedMB)
            next.nodePrices.append(option.costPerMonth)
            next.provision.poolConnections = model.pools.enumerated().map { k, pool in
                Double(min(poolSizes[k] * pool.instancesPerNode * nodes, pool.connectionsAccepted))
            }
        case .limit:
            guard let s = model.services.firstIndex(where: { $0.name == option.service }), let limitMB else {
                return .failure(OptionRefusal(reason: "names no service with a limit"))
            }
            next.provision.limitsMB[s] = limitMB
            next.otherCosts += option.costPerMonth
        case .pool:
            guard let k = model.pools.firstIndex(where: { $0.name == option.pool }), let size = option.size else {
                return .failure(OptionRefusal(reason: "names no pool"))
            }
            let pool = model.pools[k]
            let requested = size * pool.instancesPerNode * provision.nodes
            if requested > pool.connectionsAccepted {
                return .failure(OptionRefusal(reason:
                    "breaks the connection budget of pool \(pool.name): \(provision.nodes) node\(provision.nodes == 1 ? "" : "s") × "
                    + "\(pool.instancesPerNode) × \(size) = \(requested) connections > max_connections − reserved = \(pool.connectionsAccepted)"))
            }
            next.poolSizes[k] = size
            next.provision.poolConnections[k] = Double(requested)
            next.otherCosts += option.costPerMonth
        }
        return .success(next)
    }
}
