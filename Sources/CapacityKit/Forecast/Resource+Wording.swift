/// How each kind of resource is named in words: the one place writers read it from
/// (a new kind adds its wording here, not a case in every writer).
extension Resource.Kind {
    /// What failing is: `out of memory`, `over limit`, `saturated`.
    public var failing: String {
        switch self {
        case .host: "out of memory"
        case .container: "over limit"
        case .pool: "saturated"
        }
    }

    /// The capacity in one word, after "of": `usable`, `limit`, `connections`.
    public var capacityWord: String {
        switch self {
        case .host: "usable"
        case .container: "limit"
        case .pool: "connections"
        }
    }

    /// The capacity as a phrase after "of": `usable memory`, `the limit` (`its limit` when
    /// `possessive`), `its connections`.
    public func capacityPhrase(possessive: Bool = false) -> String {
        switch self {
        case .host: "usable memory"
        case .container: possessive ? "its limit" : "the limit"
        case .pool: "its connections"
        }
    }

    /// What failing means at `capacity` (a number as printed): `out of memory (above 3500 MB usable)`,
    /// `over its 500 MB limit`, `saturated (offered load ≥ its 47 connections)`.
    public func failure(at capacity: String) -> String {
        switch self {
        case .host: "out of memory (above \(capacity) MB usable)"
        case .container: "over its \(capacity) MB limit"
        case .pool: "saturated (offered load ≥ its \(capacity) connections)"
        }
    }
}

extension Resource {
    /// `host`, the service's name, `pool <name>`.
    public var shortName: String { kind == .pool ? "pool \(name)" : name }

    /// Why it decides a CRITICAL month: `host out of memory`, `api over limit`, `pool postgres saturated`.
    public var failureReason: String { "\(shortName) \(kind.failing)" }
}
