/// Forward-looking sizing of one connection pool, the pool's twin of
/// ``RightSizing``: the smallest size (connections per app process) whose
/// connections keep the pool out of trouble in every month from `from` through
/// `through` of a forecast, read from its offered-load histograms:
///
///     C = max over months m of max( ⌊D_m(k) · (1 + 2⁻¹⁰)⌋ + 1,  ⌊Q_m(q) · (1 + 2⁻¹⁰) / critical⌋ + 1 )
///     size = ⌈C / (instances_per_node · nodes)⌉
///
/// with D_m(k) the k-th smallest offered load of month m (erlangs),
/// k = ⌊n(1 − risk)⌋ + 1, so that fewer than risk · n paths reach C (a pool
/// fails at load ≥ its connections), and Q_m(q) the q-quantile, so the q-level
/// stays below the critical level. The factor 1 + 2⁻¹⁰ covers the histogram's bin.
///
/// The size is capped where the connection budget (max_connections −
/// reserved_connections) ends; then it holds for fewer months, and the plan says
/// that only a PgBouncer in front (or a larger server) lifts the cap.
public struct PoolResizing: Sendable, Equatable {
    public var pool: String
    /// Connections per app process.
    public var size: Int
    /// Server connections the pool needs on all nodes, C above.
    public var neededConnections: Int
    /// The largest size the connection budget allows on these nodes.
    public var budgetSize: Int
    /// It holds in months from…through (1-based) unless capped by the budget.
    public var from: Int
    public var through: Int

    /// The size wanted is more than the connection budget allows (`size` is the budget's).
    public var cappedByBudget: Bool

    /// - Precondition: `outlook` is a pool's; 1 ≤ from ≤ through ≤ its months; `processes` (instances per node × nodes) ≥ 1.
    init(_ outlook: ResourceOutlook, pool: Model.Pool, processes: Int, risk: Double, confidence q: Double,
         from: Int, through: Int) {
        precondition(1 <= from && from <= through && through <= outlook.months.count && processes >= 1,
                     "a window within the horizon and at least one app process")
        let margin = 1 + 0x1p-10
        var needed = 1.0
        for month in outlook.months[(from - 1)..<through] {
            let forRisk = month.demandExceeded(byFewerThan: risk)
            let forCritical = month.distribution.quantile(q) / outlook.resource.levels.critical
            needed = max(needed, (forRisk * margin).rounded(.down) + 1, (forCritical * margin).rounded(.down) + 1)
        }
        self.pool = pool.name
        neededConnections = Int(min(needed, Double(Int.max / 2)))
        budgetSize = max(1, pool.connectionsAccepted / processes)
        let wanted = Int((Double(neededConnections) / Double(processes)).rounded(.up))
        size = min(wanted, budgetSize)
        cappedByBudget = wanted > budgetSize
        self.from = from
        self.through = through
    }
}
