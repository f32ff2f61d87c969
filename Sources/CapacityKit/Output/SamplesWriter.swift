/// Raw per-path monthly host totals as CSV, for notebooks: one row per path,
/// `path,m1_host_mb,m2_host_mb,…` (MB at the monthly peak, per node).
public enum SamplesWriter {
    public static func csv(_ result: ForecastResult) -> String {
        let header = ["path"] + (1...result.months.count).map { "m\($0)_host_mb" }
        let rows = result.samples.enumerated().map { path, months in
            [String(path)] + months.map { NumberFormat.decimal($0, 3) }
        }
        return CSVDocument(header: header, rows: rows).text
    }
}
