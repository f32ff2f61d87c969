/// How each kind of resource is named in words: the one place writers read it from.
/// A kind's wording is one ``Resource/Wording`` value in ``Resource/Kind/wording``
/// (a new kind adds one there, not a case in every writer).
extension Resource {
    /// Everything a writer says about a kind of resource.
    struct Wording: Sendable {
        /// The resource's label from its name: `host`, `api container`, `pool postgres`.
        var label: @Sendable (String) -> String
        /// Its name in a list of causes: `host`, `api`, `pool postgres`.
        var shortName: @Sendable (String) -> String
        /// Its capacity's unit: `MB`, `connections`.
        var unit: String
        /// Its demand's unit in a table's column heading: `MB`, `load`.
        var demandColumnUnit: String
        /// What failing is: `out of memory`, `over limit`, `saturated`.
        var failing: String
        /// What P(…) of a failure reads: `fail`, `saturated`.
        var failureProbability: String
        /// The capacity in one word, after "of": `usable`, `limit`, `connections`.
        var capacityWord: String
        /// The capacity after "of": `usable memory`, `the limit`, `its connections`.
        var capacityPhrase: String
        /// The same, possessive: `usable memory`, `its limit`, `its connections`.
        var possessiveCapacityPhrase: String
        /// What failing means at a capacity (a number as printed): `out of memory (above 3500 MB usable)`.
        var failure: @Sendable (String) -> String
    }
}

extension Resource.Kind {
    /// This kind's wording.
    var wording: Resource.Wording {
        switch self {
        case .host:
            Resource.Wording(label: { _ in "host" }, shortName: { $0 }, unit: "MB", demandColumnUnit: "MB",
                             failing: "out of memory", failureProbability: "fail", capacityWord: "usable",
                             capacityPhrase: "usable memory", possessiveCapacityPhrase: "usable memory",
                             failure: { "out of memory (above \($0) MB usable)" })
        case .container:
            Resource.Wording(label: { "\($0) container" }, shortName: { $0 }, unit: "MB", demandColumnUnit: "MB",
                             failing: "over limit", failureProbability: "fail", capacityWord: "limit",
                             capacityPhrase: "the limit", possessiveCapacityPhrase: "its limit",
                             failure: { "over its \($0) MB limit" })
        case .pool:
            Resource.Wording(label: { "pool \($0)" }, shortName: { "pool \($0)" }, unit: "connections",
                             demandColumnUnit: "load", failing: "saturated", failureProbability: "saturated",
                             capacityWord: "connections", capacityPhrase: "its connections",
                             possessiveCapacityPhrase: "its connections",
                             failure: { "saturated (offered load ≥ its \($0) connections)" })
        case .workers:
            Resource.Wording(label: { "workers \($0)" }, shortName: { "workers \($0)" }, unit: "rps per node",
                             demandColumnUnit: "rps/node", failing: "over its SLO", failureProbability: "SLO breach",
                             capacityWord: "its SLO rate", capacityPhrase: "the rate within its SLO",
                             possessiveCapacityPhrase: "the rate within its SLO",
                             failure: { "over its latency SLO (above \($0) rps per node)" })
        case .cpu:
            Resource.Wording(label: { "CPU \($0)" }, shortName: { "CPU \($0)" }, unit: "cores",
                             demandColumnUnit: "cores", failing: "saturated", failureProbability: "saturated",
                             capacityWord: "cores", capacityPhrase: "its cores", possessiveCapacityPhrase: "its cores",
                             failure: { "CPU saturated (busy cores ≥ its \($0) cores per node)" })
        }
    }

    /// What failing is: `out of memory`, `over limit`, `saturated`.
    public var failing: String { wording.failing }

    /// The capacity in one word, after "of": `usable`, `limit`, `connections`.
    public var capacityWord: String { wording.capacityWord }

    /// The capacity as a phrase after "of": `usable memory`, `the limit` (`its limit` when
    /// `possessive`), `its connections`.
    public func capacityPhrase(possessive: Bool = false) -> String {
        possessive ? wording.possessiveCapacityPhrase : wording.capacityPhrase
    }

    /// What failing means at `capacity` (a number as printed): `out of memory (above 3500 MB usable)`,
    /// `over its 500 MB limit`, `saturated (offered load ≥ its 47 connections)`.
    public func failure(at capacity: String) -> String { wording.failure(capacity) }
}

extension Resource {
    /// "host", "api container", "pool postgres".
    public var label: String { kind.wording.label(name) }

    /// "MB" or "connections".
    public var unit: String { kind.wording.unit }

    /// `host`, the service's name, `pool <name>`.
    public var shortName: String { kind.wording.shortName(name) }

    /// Why it decides a CRITICAL month: `host out of memory`, `api over limit`, `pool postgres saturated`.
    public var failureReason: String { "\(shortName) \(kind.failing)" }
}
