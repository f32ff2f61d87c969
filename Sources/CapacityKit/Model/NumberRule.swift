/// What a number of the model contract must satisfy, and how to say so.
///
/// **The rule for numbers** (DESIGN.md, "Model file contract"): every numeric
/// key has a range that keeps every intermediate finite and every loop bounded.
/// The model loader and the quick forms (`--stage`, `--deploys-per-month`,
/// `--component`, `--assumed-mttr`) check the same rules, so both say the same
/// thing about the same number. Why each bound is where it is:
///
/// - Memory (`memory_mb`, `reserved_mb`, `base_mb`, `limit_mb`, option
///   `memory_mb`) ≤ 10⁷ MB (10 TB, above the largest single machines sold).
/// - Traffic `rps` ≤ 10⁹; growth `mean` in (−1, 1], `sd` and `volatility` ≤ 1
///   (±100 % a month): even a path that draws 20 × a month (rate and noise
///   eight sd out) for 120 months, 20¹²⁰ ≈ 10¹⁵⁶, times 10⁹ rps, a peak of
///   100 × and 10⁴ MB per rps, stays inside a double (10³⁰⁸).
/// - `per_rps_mb`, `per_connection_mb`, `queries_per_request` ≤ 10⁴;
///   `noise` ≤ 1 (a relative sd of 100 %); `peak_factor` mean in [1, 100], sd ≤ 100.
/// - Integers that multiply: `nodes` ≤ 1,000, pool `size` and
///   `instances_per_node` ≤ 10⁴, so size × instances × nodes ≤ 10¹¹ cannot
///   overflow an `Int`; `max_connections` ≤ 10⁶.
/// - Times: `hold_ms` and `timeout_ms` ≤ 10⁷ ms (2.8 h); stage and rollback
///   `duration_minutes` mean in [0.001, 10⁶] min, sd ≤ 10⁶ (a lognormal sample
///   then stays in (10⁻⁴⁰, 10¹⁴) minutes); `mttr_minutes` ≤ 10⁶ (694 days);
///   `mtbf_hours` in [0.1, 10⁷] (6 minutes to 1,141 years); `lead_time_days` ≤ 3,650.
/// - Loops: `retries` ≤ 100 and at most 100 stages (≤ 10,100 attempts a
///   path); `replicas` ≤ 1,000 and at most 100 components (replica indices
///   stay far below 2³², the width of the replica part of a stream id);
///   `runs` ≤ 10⁹; `deploys_per_month` ≤ 10⁵ (two a minute).
/// - Money (`cost_per_month`) ≤ 10⁹.
/// - Workers (issue #22): `per_node` ≤ 10⁴ (Erlang C's recursion is O(c)); `service_ms`,
///   its `p50`/`p95` and the SLO's `p95_ms`/`p99_ms` in [0.001, 10⁷] ms (a microsecond to
///   2.8 h), with p95 ≤ 100 × p50 (a lognormal σ ≤ 2.8: c_s² ≤ 2,500, where the two-moment
///   approximation still means something); `cpu_ms` ≤ 10⁷ ms; `host.cores` in (0, 10⁴];
///   `threads` 1–10⁴; `memory_per_worker_mb` ≤ 10⁴ MB (as the other per-unit memory: 10⁴ workers
///   of it stay within 10⁸ MB).
///
/// Work that grows with these (events of the SLA simulation, attempts of the
/// deployment simulation) is bounded separately, before a run starts
/// (``WorkEstimate``).
struct NumberRule: Sendable {
    /// What is allowed, as it follows "must be" in a message: "> 0 and ≤ 10,000,000".
    let allowed: String
    var hint: String?
    let test: @Sendable (Double) -> Bool

    init(allowed: String, hint: String? = nil, test: @escaping @Sendable (Double) -> Bool) {
        self.allowed = allowed
        self.hint = hint
        self.test = test
    }

    /// lower ≤ x ≤ upper (lower < x when `lowerOpen`), with an optional unit and note.
    static func range(_ lower: Double, _ upper: Double, lowerOpen: Bool = false, unit: String = "",
                      note: String? = nil) -> NumberRule {
        let unitText = unit.isEmpty ? "" : " \(unit)"
        let noteText = note.map { " (\($0))" } ?? ""
        let allowed = "\(lowerOpen ? ">" : "≥") \(text(lower))\(unitText) and ≤ \(text(upper))\(unitText)\(noteText)"
        return NumberRule(allowed: allowed) { lowerOpen ? ($0 > lower && $0 <= upper) : ($0 >= lower && $0 <= upper) }
    }

    /// A bound for people: whole numbers grouped by thousands, others as written.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? NumberFormat.grouped(Int(value)) : NumberFormat.exact(value)
    }

    static let any = NumberRule(allowed: "a finite number") { _ in true }
    /// Plain bounds for figures outside the model's ranges (calibration records, sizing targets).
    static let nonNegative = NumberRule(allowed: "≥ 0") { $0 >= 0 }
    static let positive = NumberRule(allowed: "> 0") { $0 > 0 }
    static let probability = NumberRule(allowed: "a probability in [0, 1] (0.2 or \"20%\")") { (0...1).contains($0) }
    static let correlation = NumberRule(allowed: "a correlation in [-1, 1]") { (-1...1).contains($0) }

    // MARK: The contract's ranges

    /// Memory per node, per service or per option, MB.
    static let memoryMB = range(0, 1e7, lowerOpen: true, unit: "MB")
    /// Memory that may be zero (reserved, a service's base), MB.
    static let memoryOrZeroMB = range(0, 1e7, unit: "MB")
    static let nodes = range(1, 1_000)
    static let cost = range(0, 1e9)
    static let rps = range(0, 1e9, lowerOpen: true)
    /// A monthly growth rate: more than −100 % (traffic cannot fall below zero), at most +100 %.
    static let growthRate = range(-1, 1, lowerOpen: true, note: "a monthly rate: 0.2 or \"20%\"")
    static let growthSD = range(0, 1, note: "a monthly rate: 0.05 or \"5%\"")
    static let peakFactor = range(1, 100, note: "peak ÷ average")
    static let peakFactorSD = range(0, 100)
    /// MB per request/s or per connection.
    static let perUnitMB = range(0, 1e4, unit: "MB")
    /// A relative standard deviation.
    static let noise = range(0, 1, note: "a relative sd: 0.05 or \"5%\"")
    static let poolSize = range(1, 1e4)
    static let instancesPerNode = range(1, 1e4)
    /// PostgreSQL's largest `max_connections` (MAX_BACKENDS = 2¹⁸ − 1), which also bounds the queueing engine's work.
    static let maxConnections = range(1, 262_143, note: "PostgreSQL's largest max_connections")
    static let reservedConnections = range(0, 1e6)
    /// Queries per request: a pool that serves none is no pool.
    static let queriesPerRequest = range(0, 1e4, lowerOpen: true)
    static let holdMS = range(0, 1e7, lowerOpen: true, unit: "ms")
    static let timeoutMS = range(0, 1e7, unit: "ms")
    static let deploysPerMonth = range(0, 1e5)
    static let failures = range(0, 1e9)
    static let runs = range(1, 1e9)
    static let retries = range(0, 100)
    static let durationMeanMinutes = range(0.001, 1e6, unit: "min")
    static let durationSDMinutes = range(0, 1e6, unit: "min")
    static let mtbfHours = range(0.1, 1e7, unit: "h")
    static let mttrMinutes = range(0, 1e6, unit: "min")
    /// The quick form's assumed MTTR must be positive: availability alone then gives MTBF = MTTR·A/(1 − A).
    static let assumedMTTRMinutes = range(0.01, 1e6, lowerOpen: false, unit: "min")
    static let replicas = range(1, 1_000)
    static let leadTimeDays = range(0, 3_650, unit: "days")
    /// Requests a worker pool serves at once per node (processes × threads).
    static let workersPerNode = range(1, 1e4)
    /// Threads per worker process.
    static let threads = range(1, 1e4)
    /// A service time or a response-time objective, ms: a microsecond to 2.8 h.
    static let serviceMS = range(0.001, 1e7, unit: "ms")
    /// CPU per request, ms.
    static let cpuMS = range(0, 1e7, unit: "ms")
    /// CPU cores per node (fractions allowed: a container's `cpus: 0.5`).
    static let cores = range(0, 1e4, lowerOpen: true)
    /// The largest p95 ÷ p50 of a measured service time (lognormal σ ≤ ln 100 / 1.645 ≈ 2.8).
    static let maximumServiceSpread = 100.0
    /// PgBouncer's `max_client_conn`.
    static let clientConnections = range(1, 1e6)

    /// The most entries of each list of the model (services, pools, stages,
    /// components, scaling options): a small or mid-size stack, and a bound on
    /// the work per path.
    static let maximumListLength = 100
}
