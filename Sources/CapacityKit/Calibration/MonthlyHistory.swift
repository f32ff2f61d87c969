/// What a team observed, month by month: the input of growth, peak-factor and
/// memory fits (the history CSV contract of `notebooks-data/README.md`).
///
/// Months are consecutive and increasing. Traffic is in requests/s (monthly
/// average and monthly peak), memory in MB per node at the month's peak,
/// connections in use at the peak on all nodes. A nil entry is a month
/// without that figure.
public struct MonthlyHistory: Sendable, Equatable {
    /// Where the figures come from (a file name), for reports and comments.
    public var source: String
    public var months: [YearMonth]
    /// Monthly average requests/s, > 0.
    public var rpsAverage: [Double]
    /// Monthly peak requests/s (≥ the average).
    public var rpsPeak: [Double?]
    /// Host memory per node at the peak, MB.
    public var hostMemoryMB: [Double?]
    /// Memory of each service at the peak, MB, by service name.
    public var serviceMemoryMB: [String: [Double?]]
    /// Connections in use at the peak, by pool name.
    public var connections: [String: [Double?]]
    /// What the reader noticed (samples skipped, gaps, months dropped), for the report's warnings.
    public var notes: [String] = []
    /// What was read (queries, series, step, coverage per month), for the report's data section.
    public var report: [String] = []

    public init(source: String, months: [YearMonth], rpsAverage: [Double], rpsPeak: [Double?]? = nil,
                hostMemoryMB: [Double?]? = nil, serviceMemoryMB: [String: [Double?]] = [:],
                connections: [String: [Double?]] = [:], notes: [String] = []) {
        self.source = source
        self.notes = notes
        self.months = months
        self.rpsAverage = rpsAverage
        self.rpsPeak = rpsPeak ?? Array(repeating: nil, count: months.count)
        self.hostMemoryMB = hostMemoryMB ?? Array(repeating: nil, count: months.count)
        self.serviceMemoryMB = serviceMemoryMB
        self.connections = connections
    }

    public var count: Int { months.count }

    /// The first `count` months (a training set for a backtest).
    public func prefix(_ count: Int) -> MonthlyHistory {
        slice(0..<count)
    }

    /// The months at `range` of this history.
    public func slice(_ range: Range<Int>) -> MonthlyHistory {
        var history = MonthlyHistory(source: source, months: Array(months[range]), rpsAverage: Array(rpsAverage[range]),
                                     rpsPeak: Array(rpsPeak[range]), hostMemoryMB: Array(hostMemoryMB[range]),
                                     serviceMemoryMB: serviceMemoryMB.mapValues { Array($0[range]) },
                                     connections: connections.mapValues { Array($0[range]) }, notes: notes)
        history.report = report
        return history
    }
}

extension MonthlyHistory {
    /// A `month` cell: `YYYY-MM`, or `YYYY-MM-01` (the first day, as capacity's
    /// CSVs write months); nil for anything else, another day included.
    static func month(_ text: String) -> YearMonth? {
        if text.count == 10, text.hasSuffix("-01") { return YearMonth(parsing: String(text.dropLast(3))) }
        return YearMonth(parsing: text)
    }

    /// Reads a history CSV: `month` (YYYY-MM, or the month's first day YYYY-MM-01 as
    /// capacity's CSVs and spreadsheets write it) and `rps_avg` required; optional
    /// `rps_peak`, `host_memory_mb`, `<service>_memory_mb` and
    /// `<pool>_connections` for the services and pools of `model`. Every
    /// problem is thrown as a ``DataFileError`` at its cell.
    public static func read(csv text: String, file: String, model: Model) throws(DataFileError) -> MonthlyHistory {
        let table = try CSVTable(text, file: file)
        let serviceColumns = model.services.map { "\($0.name)_memory_mb" }
        let poolColumns = model.pools.map { "\($0.name)_connections" }
        let allowed = ["month", "rps_avg", "rps_peak", "host_memory_mb"] + serviceColumns + poolColumns
        try checkHeader(table, allowed: allowed, required: ["month", "rps_avg"])
        guard !table.rows.isEmpty else {
            throw DataFileError(file: file, line: 2, column: 1, message: "the file has a header but no months")
        }
        let monthColumn = table.columnIndex("month")!, rpsColumn = table.columnIndex("rps_avg")!
        var months: [YearMonth] = [], average: [Double] = []
        for row in table.rows {
            let cell = row[monthColumn]
            guard let month = Self.month(cell.text) else {
                throw table.error(cell, "column `month` must be a calendar month YYYY-MM or its first day YYYY-MM-01; "
                                  + "got \(cell.text.isEmpty ? "nothing" : cell.text)")
            }
            if let previous = months.last, month != previous.adding(months: 1) {
                let problem = month == previous ? "repeats \(previous)"
                    : month < previous ? "goes back to \(month) after \(previous)" : "skips from \(previous) to \(month)"
                throw table.error(cell, "column `month` must hold consecutive months in order; \(problem)",
                                  hint: "expected \(previous.adding(months: 1))")
            }
            months.append(month)
            let rpsCell = row[rpsColumn]
            guard let rps = try table.number(rpsCell, column: "rps_avg", .requestRate) else {
                throw table.error(rpsCell, "column `rps_avg` must be a number between 0.000001 and 10⁹ (requests/s); got nothing")
            }
            average.append(rps)
        }
        func column(_ name: String, _ rule: NumberRule) throws(DataFileError) -> [Double?]? {
            guard let index = table.columnIndex(name) else { return nil }
            var values: [Double?] = []
            for row in table.rows { values.append(try table.number(row[index], column: name, rule)) }
            return values
        }
        let peak = try column("rps_peak", .requestRate)
        if let peak, let peakColumn = table.columnIndex("rps_peak") {
            for (index, value) in peak.enumerated() where value.map({ $0 < average[index] }) ?? false {
                throw table.error(table.rows[index][peakColumn],
                                  "column `rps_peak` must be ≥ rps_avg (\(NumberFormat.exact(average[index]))); got \(table.rows[index][peakColumn].text)",
                                  hint: "the peak is the month's highest request rate")
            }
        }
        var services: [String: [Double?]] = [:], pools: [String: [Double?]] = [:]
        for service in model.services {
            services[service.name] = try column("\(service.name)_memory_mb", .dataMemoryMB)
        }
        for pool in model.pools { pools[pool.name] = try column("\(pool.name)_connections", .connectionCount) }
        return MonthlyHistory(source: file, months: months, rpsAverage: average, rpsPeak: peak,
                              hostMemoryMB: try column("host_memory_mb", .dataMemoryMB),
                              serviceMemoryMB: services, connections: pools)
    }

    /// Unknown or repeated columns are errors with a "did you mean" hint; required ones must be present.
    static func checkHeader(_ table: CSVTable, allowed: [String], required: [String]) throws(DataFileError) {
        var seen: Set<String> = []
        for cell in table.header {
            if !allowed.contains(cell.text) {
                throw table.error(cell, "unknown column `\(cell.text)`",
                                  hint: YAMLReader.suggestion(for: cell.text, among: allowed)
                                    .replacingOccurrences(of: "allowed keys", with: "allowed columns"))
            }
            if !seen.insert(cell.text).inserted { throw table.error(cell, "column `\(cell.text)` is given twice") }
        }
        for name in required where !seen.contains(name) {
            let got = table.header.map { "`\($0.text)`" }.joined(separator: ", ")
            throw DataFileError(file: table.file, line: 1, column: 1, message: "missing column `\(name)`; got \(got)",
                                hint: "the header needs \(required.map { "`\($0)`" }.joined(separator: " and "))")
        }
    }
}
