/// Writes a ``MonthlyHistory`` as the history CSV that
/// ``MonthlyHistory/read(csv:file:model:)`` reads (`notebooks-data/README.md`):
/// `month` (the month's first day, `2025-12-01`, which spreadsheets keep as that
/// date), `rps_avg`, then `rps_peak`, `host_memory_mb`, `<service>_memory_mb`
/// and `<pool>_connections` for the columns the history has, rounded to
/// `decimals` places. Pure: history in, text out.
public enum HistoryWriter {
    public static func csv(_ history: MonthlyHistory, services: [String], pools: [String], decimals: Int = 1) -> String {
        var columns: [(String, (Int) -> Double?)] = [("rps_avg", { history.rpsAverage[$0] })]
        if history.rpsPeak.contains(where: { $0 != nil }) { columns.append(("rps_peak", { history.rpsPeak[$0] })) }
        if history.hostMemoryMB.contains(where: { $0 != nil }) { columns.append(("host_memory_mb", { history.hostMemoryMB[$0] })) }
        for name in services {
            if let values = history.serviceMemoryMB[name] { columns.append(("\(name)_memory_mb", { values[$0] })) }
        }
        for name in pools {
            if let values = history.connections[name] { columns.append(("\(name)_connections", { values[$0] })) }
        }
        let rows = history.months.indices.map { t in
            [CSVDocument.date(history.months[t])] + columns.map { column in column.1(t).map { NumberFormat.decimal($0, decimals) } ?? "" }
        }
        return CSVDocument(header: ["month"] + columns.map(\.0), rows: rows).text
    }
}
