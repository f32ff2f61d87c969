/// What the forecast's figures mean, said once: the footer of its tables, the
/// `notes` of its JSON and the `capacity forecast --help` text all print these.
public enum ForecastNotes {
    /// The notes, with the model's risk level (e.g. 0.01 for 1 %), and what the worker
    /// pools' figures mean when the model has any.
    public static func all(risk: Double, workers: Bool = false) -> [String] {
        [demand, resources] + (workers ? [self.workers] : []) + [status(risk: risk)]
    }

    public static let workers = "Worker pools fail when the P95 (or P99) response time at the month's peak exceeds "
        + "their SLO, that is when the requests/s per node exceed the largest rate meeting it (\"max rps/node\"; "
        + "its level is the rps per node over that rate); a load at or past the pool's capacity (utilisation ≥ 100 %) "
        + "saturates it: its latency reads \"saturated\". The P95 latency of a quantile is the P95 at that quantile of "
        + "the load (M/M/c, or M/G/c for a measured P50 and P95). CPU, with host.cores and cpu_ms, fails when the "
        + "cores busy reach the node's."

    public static let demand = "Memory figures are demand at each month's peak traffic (average rps × peak factor): "
        + "what each service needs to serve that traffic, whether or not its limit allows it; host memory is "
        + "the total demand per node. rps figures are monthly averages."

    public static let resources = "Resources are the places that can run out: the host (fails when demand > usable "
        + "memory), each service with limit_mb (fails when its demand > the limit: the container is OOM-killed) and "
        + "each pool (fails when offered load ≥ the connections it can use). Warn and critical levels are fractions "
        + "of usable memory, of the limit, of the connections."

    public static func status(risk: Double) -> String {
        let level = NumberFormat.short(risk * 100) + " %"
        return "Status is the worst over all resources: CRITICAL when any P(fail) ≥ \(level), ACT when any P90 ≥ its "
            + "critical level, WATCH when any P90 ≥ its warn level, else SAFE; it names the resources that decide it."
    }
}
