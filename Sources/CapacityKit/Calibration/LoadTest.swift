/// A load test: memory measured at steady load levels. Gives memory slopes
/// only (no growth, no peak factor): at a steady load the peak is the load.
public struct LoadTest: Sendable, Equatable {
    /// Where the figures come from (a file name).
    public var source: String
    /// Requests/s of each level, > 0.
    public var rps: [Double]
    /// Host memory per node at each level, MB (nil: not measured).
    public var hostMemoryMB: [Double?]
    /// Memory of each service at each level, MB, by service name.
    public var serviceMemoryMB: [String: [Double?]]
    /// Connections in use at each level, by pool name.
    public var connections: [String: [Double?]]

    public init(source: String, rps: [Double], hostMemoryMB: [Double?]? = nil,
                serviceMemoryMB: [String: [Double?]] = [:], connections: [String: [Double?]] = [:]) {
        self.source = source
        self.rps = rps
        self.hostMemoryMB = hostMemoryMB ?? Array(repeating: nil, count: rps.count)
        self.serviceMemoryMB = serviceMemoryMB
        self.connections = connections
    }

    /// Reads a load-test CSV: `rps` and at least one of `host_memory_mb`,
    /// `<service>_memory_mb`; optional `<pool>_connections`. One row per level.
    public static func read(csv text: String, file: String, model: Model) throws(DataFileError) -> LoadTest {
        let table = try CSVTable(text, file: file)
        let serviceColumns = model.services.map { "\($0.name)_memory_mb" }
        let allowed = ["rps", "host_memory_mb"] + serviceColumns + model.pools.map { "\($0.name)_connections" }
        try MonthlyHistory.checkHeader(table, allowed: allowed, required: ["rps"])
        guard table.header.contains(where: { $0.text == "host_memory_mb" || serviceColumns.contains($0.text) }) else {
            throw DataFileError(file: file, line: 1, column: 1, message: "a load test needs a memory column",
                                hint: "add `host_memory_mb` or `<service>_memory_mb`")
        }
        guard !table.rows.isEmpty else {
            throw DataFileError(file: file, line: 2, column: 1, message: "the file has a header but no load levels")
        }
        func column(_ name: String, _ rule: NumberRule) throws(DataFileError) -> [Double?]? {
            guard let index = table.columnIndex(name) else { return nil }
            var values: [Double?] = []
            for row in table.rows { values.append(try table.number(row[index], column: name, rule)) }
            return values
        }
        let rpsColumn = table.columnIndex("rps")!
        var rps: [Double] = []
        for (index, value) in try column("rps", .requestRate)!.enumerated() {
            guard let value else {
                throw table.error(table.rows[index][rpsColumn], "column `rps` must be a number between 0.000001 and 10⁹ (requests/s); got nothing")
            }
            rps.append(value)
        }
        var services: [String: [Double?]] = [:], pools: [String: [Double?]] = [:]
        for service in model.services { services[service.name] = try column("\(service.name)_memory_mb", .dataMemoryMB) }
        for pool in model.pools { pools[pool.name] = try column("\(pool.name)_connections", .connectionCount) }
        return LoadTest(source: file, rps: rps, hostMemoryMB: try column("host_memory_mb", .dataMemoryMB),
                        serviceMemoryMB: services, connections: pools)
    }
}
