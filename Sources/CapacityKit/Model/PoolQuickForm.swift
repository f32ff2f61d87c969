/// One pool of `capacity pools`' quick form, read from command-line text with the
/// model loader's rules for a `pools:` entry (DESIGN.md), plus the traffic and
/// the sizing target:
///
///     --rps R                     requests/s (> 0)
///     --queries-per-request Q     > 0, default 1
///     --hold-ms H                 > 0, required
///     --size S                    whole, ≥ 1, required
///     --instances I               whole, ≥ 1, default 1 (instances_per_node on one node)
///     --max-connections M         whole, 1…262143, default 100
///     --reserved-connections R    whole, ≥ 0 and < M, default 3
///     --timeout-ms T              ≥ 0, default 30000
///     --wait-ms W                 ≥ 0, default 100
///     --target P                  a probability in (0, 1), default 1 %
///
/// A problem is thrown as one line worded as the model file's, with the flag
/// in place of the key path: `--hold-ms must be > 0; got -5`.
public struct PoolQuickForm: Sendable, Equatable {
    /// The pool, named `pool`, of a service named `database`.
    public var pool: Model.Pool
    public var rps: Double
    public var waitMS: Double
    public var target: Double

    /// The name the quick form's pool and its report carry.
    public static let poolName = "pool"
    public static let defaultWaitMS = 100.0
    public static let defaultTarget = 0.01

    /// The sizing target: a probability strictly between 0 and 1.
    static let targetRule = NumberRule(allowed: "a probability in (0, 1) (0.01 or \"1%\")") { $0 > 0 && $0 < 1 }

    /// Reads the flags' text (nil: the flag is absent).
    public static func parse(rps: String, queriesPerRequest: String?, holdMS: String?, size: String?,
                             instances: String?, maxConnections: String?, reservedConnections: String?,
                             timeoutMS: String?, waitMS: String?, target: String?) throws(PoolQuickFormError)
        -> PoolQuickForm {
        let rpsValue = try number("--rps", rps, .rps)
        let queries = try queriesPerRequest.map { text throws(PoolQuickFormError) in
            try number("--queries-per-request", text, .queriesPerRequest) } ?? 1
        guard let holdMS else { throw PoolQuickFormError("the quick form needs --hold-ms, the mean time a query holds a connection (e.g. --hold-ms 70)") }
        let hold = try number("--hold-ms", holdMS, .holdMS)
        guard let size else { throw PoolQuickFormError("the quick form needs --size, the connections per application instance (e.g. --size 16)") }
        let sizeValue = try whole("--size", size, .poolSize)
        let instanceCount = try instances.map { text throws(PoolQuickFormError) in
            try whole("--instances", text, .instancesPerNode) } ?? 1
        let maximum = try maxConnections.map { text throws(PoolQuickFormError) in
            try whole("--max-connections", text, .maxConnections) } ?? 100
        let reserved = try reservedConnections.map { text throws(PoolQuickFormError) in
            try whole("--reserved-connections", text, .reservedConnections) } ?? 3
        guard reserved < maximum else {
            throw PoolQuickFormError("--reserved-connections must be < max_connections (\(maximum)); got \(reserved); "
                                     + "no connection would be left for the application")
        }
        let timeout = try timeoutMS.map { text throws(PoolQuickFormError) in
            try number("--timeout-ms", text, .timeoutMS) } ?? 30_000
        let (wait, targetValue) = try sizingTarget(waitMS: waitMS, target: target)
        guard (rpsValue * queries * hold).isFinite else {
            throw PoolQuickFormError("--rps × --queries-per-request × --hold-ms must be a finite offered load; got \(rps) × \(NumberFormat.exact(queries)) × \(holdMS)")
        }
        let pool = Model.Pool(name: poolName, service: "database", size: sizeValue, instancesPerNode: instanceCount,
                              maxConnections: maximum, reservedConnections: reserved, queriesPerRequest: queries,
                              holdMS: hold, timeoutMS: timeout)
        return PoolQuickForm(pool: pool, rps: rpsValue, waitMS: wait, target: targetValue)
    }

    /// `--wait-ms` (≥ 0, default 100) and `--target` (in (0, 1), default 1 %), the
    /// sizing target of both forms of `capacity pools`.
    public static func sizingTarget(waitMS: String?, target: String?) throws(PoolQuickFormError)
        -> (waitMS: Double, target: Double) {
        let wait = try waitMS.map { text throws(PoolQuickFormError) in
            try number("--wait-ms", text, .timeoutMS) } ?? defaultWaitMS
        let targetValue = try target.map { text throws(PoolQuickFormError) in
            try number("--target", text, targetRule, percent: true) } ?? defaultTarget
        return (wait, targetValue)
    }

    /// A finite number (a rate with `percent`) satisfying `rule`.
    static func number(_ flag: String, _ text: String, _ rule: NumberRule, percent: Bool = false)
        throws(PoolQuickFormError) -> Double {
        guard let value = percent ? Fields.parseRate(text) : Fields.parse(text) else {
            throw PoolQuickFormError("\(flag) must be \(percent ? "a number or a percentage" : "a finite number"); got \(text)")
        }
        guard rule.test(value) else {
            throw PoolQuickFormError("\(flag) must be \(rule.allowed); got \(text)" + (rule.hint.map { "; \($0)" } ?? ""))
        }
        return value
    }

    /// A whole number satisfying `rule`.
    static func whole(_ flag: String, _ text: String, _ rule: NumberRule) throws(PoolQuickFormError) -> Int {
        let value = try number(flag, text, .any)
        guard value == value.rounded(), abs(value) < 1e15 else {
            throw PoolQuickFormError("\(flag) must be a whole number; got \(text)")
        }
        guard rule.test(value) else { throw PoolQuickFormError("\(flag) must be \(rule.allowed); got \(text)") }
        return Int(value)
    }
}
