/// A load test's concurrency ramp: response times measured at steady numbers of virtual
/// users (seed 000's "50 users: 100 % successful, 68 ms P50 …"), for fitting a worker
/// pool's `service_ms` and `per_node` (``Calibration/workerFit(_:model:)``).
public struct LoadRamp: Sendable, Equatable {
    /// Where the figures come from (a file name).
    public var source: String
    /// Virtual users of each level, ≥ 1.
    public var users: [Int]
    /// The response time's P50 at each level, ms.
    public var p50MS: [Double]
    /// Its P95, ms, where measured.
    public var p95MS: [Double?]
    /// The share of requests that succeeded, where measured.
    public var successRate: [Double?]
    /// The worker pool the ramp measured (`--worker`); nil: the model's only one.
    public var worker: String?

    public init(source: String, users: [Int], p50MS: [Double], p95MS: [Double?]? = nil, successRate: [Double?]? = nil,
                worker: String? = nil) {
        self.source = source
        self.users = users
        self.p50MS = p50MS
        self.p95MS = p95MS ?? Array(repeating: nil, count: users.count)
        self.successRate = successRate ?? Array(repeating: nil, count: users.count)
        self.worker = worker
    }

    /// Reads a ramp CSV: `users` and `p50_ms`, optional `p95_ms` and `success_rate` (0.981
    /// or 98.1%). One row per level.
    public static func read(csv text: String, file: String, worker: String? = nil) throws(DataFileError) -> LoadRamp {
        let table = try CSVTable(text, file: file)
        try MonthlyHistory.checkHeader(table, allowed: ["users", "p50_ms", "p95_ms", "success_rate"], required: ["users", "p50_ms"])
        guard !table.rows.isEmpty else {
            throw DataFileError(file: file, line: 2, column: 1, message: "the file has a header but no load levels")
        }
        let usersColumn = table.columnIndex("users")!, p50Column = table.columnIndex("p50_ms")!
        let p95Column = table.columnIndex("p95_ms"), successColumn = table.columnIndex("success_rate")
        var ramp = LoadRamp(source: file, users: [], p50MS: [], p95MS: [], successRate: [], worker: worker)
        for row in table.rows {
            guard let users = try table.number(row[usersColumn], column: "users", .rampUsers) else {
                throw table.error(row[usersColumn], "column `users` must be a whole number between 1 and 100,000; got nothing")
            }
            guard users == users.rounded() else {
                throw table.error(row[usersColumn], "column `users` must be a whole number; got \(row[usersColumn].text)")
            }
            guard let p50 = try table.number(row[p50Column], column: "p50_ms", .rampLatencyMS) else {
                throw table.error(row[p50Column], "column `p50_ms` must be a number between 0.001 and 10⁷ (ms); got nothing")
            }
            let p95 = try p95Column.flatMap { index throws(DataFileError) in try table.number(row[index], column: "p95_ms", .rampLatencyMS) }
            if let p95, p95 <= p50 {
                throw table.error(row[p95Column!], "column `p95_ms` must be above the row's p50_ms (\(NumberFormat.exact(p50))); got \(row[p95Column!].text)")
            }
            var success: Double?
            if let index = successColumn, !row[index].text.isEmpty {
                guard let rate = Fields.parseRate(row[index].text), (0...1).contains(rate), rate > 0 else {
                    throw table.error(row[index], "column `success_rate` must be a share in (0, 1] (0.981 or 98.1%); got \(row[index].text)")
                }
                success = rate
            }
            ramp.users.append(Int(users))
            ramp.p50MS.append(p50)
            ramp.p95MS.append(p95)
            ramp.successRate.append(success)
        }
        return ramp
    }
}
