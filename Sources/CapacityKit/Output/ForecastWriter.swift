import Foundation

/// Renders a ``ForecastResult`` as a table, CSV, JSON or Markdown. Pure: result in, text out.
public struct ForecastWriter: ResultWriter {
    public var result: ForecastResult
    /// ANSI colour for the status column (only for a terminal, and only when `NO_COLOR` is unset).
    public var colour: Bool

    public init(_ result: ForecastResult, colour: Bool = false) {
        self.result = result
        self.colour = colour
    }


    // MARK: - CSV

    /// The contract columns of DESIGN.md first, then per-service and per-pool columns,
    /// then `p_oom_by` and `memory_p90_pct_usable`.
    public static func csvHeader(services: [String], pools: [String]) -> [String] {
        var header = ["month", "date", "rps_p50", "rps_p90", "memory_p50_mb", "memory_p90_mb", "memory_p99_mb",
                      "p_warn", "p_critical", "p_oom", "status"]
        for service in services.map(columnName) {
            header += ["\(service)_memory_p50_mb", "\(service)_memory_p90_mb", "\(service)_memory_p99_mb",
                       "\(service)_p_over_limit"]
        }
        for pool in pools.map(columnName) {
            header += ["\(pool)_utilization_p50", "\(pool)_utilization_p90", "\(pool)_p_saturated"]
        }
        return header + ["p_oom_by", "memory_p90_pct_usable"]
    }

    /// A name as a CSV/JSON key part: lowercase, runs of other characters as `_`.
    public static func columnName(_ name: String) -> String {
        var key = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { key.append(character) } else if !key.hasSuffix("_") { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        return key.isEmpty ? "unnamed" : key
    }

    public var csv: String {
        let rows = result.months.map { month -> [String] in
            var row = [String(month.month), month.date.description, NumberFormat.decimal(month.rps.p50, 2),
                       NumberFormat.decimal(month.rps.p90, 2), NumberFormat.decimal(month.memoryMB.p50, 1),
                       NumberFormat.decimal(month.memoryMB.p90, 1), NumberFormat.decimal(month.memoryMB.p99, 1),
                       NumberFormat.exact(month.pWarn.estimate), NumberFormat.exact(month.pCritical.estimate),
                       NumberFormat.exact(month.pOOM.estimate), month.status.rawValue]
            for service in month.services {
                row += [NumberFormat.decimal(service.memoryMB.p50, 1), NumberFormat.decimal(service.memoryMB.p90, 1),
                        NumberFormat.decimal(service.memoryMB.p99, 1), service.pOverLimit.map { NumberFormat.exact($0.estimate) } ?? ""]
            }
            for pool in month.pools {
                row += [NumberFormat.decimal(pool.utilization.p50, 4), NumberFormat.decimal(pool.utilization.p90, 4),
                        NumberFormat.exact(pool.pSaturated.estimate)]
            }
            return row + [NumberFormat.exact(month.pOOMBy.estimate),
                          NumberFormat.decimal(100 * month.memoryMB.p90 / result.usableMB, 2)]
        }
        return CSVDocument(header: Self.csvHeader(services: result.serviceNames, pools: result.poolNames), rows: rows).text
    }

    // MARK: - JSON

    public var json: String {
        let document = ForecastDocument(result)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    private var headline: String {
        let r = result
        return "\(r.modelName): \(r.months.count)-month forecast, \(NumberFormat.grouped(r.paths)) paths, seed \(r.options.seed)"
            + " · \(r.nodes) node\(r.nodes == 1 ? "" : "s") × \(NumberFormat.decimal(r.usableMB, 0)) MB usable"
            + " (warn \(NumberFormat.decimal(r.warnMB, 0)) MB, critical \(NumberFormat.decimal(r.criticalMB, 0)) MB)"
    }

    private func monthTable(markdown: Bool) -> TextTable {
        var columns: [TextTable.Column] = [
            .init("month"), .init("date", .left), .init("rps p50"), .init("rps p90"),
            .init("mem p50 MB"), .init("mem p90 MB"), .init("mem p99 MB"), .init("p90 % usable"),
        ]
        if !markdown { columns.append(.init("p90 vs warn┊ crit┃ usable", .left)) }
        columns += [.init("P(warn)"), .init("P(crit)"), .init("P(OOM)"), .init("P(OOM by)"), .init("status", .left)]
        let rows = result.months.map { month -> [String] in
            var row = [String(month.month), month.date.description, NumberFormat.decimal(month.rps.p50, 1),
                       NumberFormat.decimal(month.rps.p90, 1), NumberFormat.decimal(month.memoryMB.p50, 0),
                       NumberFormat.decimal(month.memoryMB.p90, 0), NumberFormat.decimal(month.memoryMB.p99, 0),
                       NumberFormat.decimal(100 * month.memoryMB.p90 / result.usableMB, 1) + "%"]
            if !markdown { row.append(bar(month.memoryMB.p90)) }
            row += [NumberFormat.percent(month.pWarn.estimate), NumberFormat.percent(month.pCritical.estimate),
                    NumberFormat.percent(month.pOOM.estimate), NumberFormat.percent(month.pOOMBy.estimate),
                    month.status.rawValue]
            return row
        }
        return TextTable(columns: columns, rows: rows)
    }

    /// 24 cells for 0 … usable memory: filled to the P90, `┊` at warn, `┃` at critical, `▶` past usable.
    func bar(_ p90: Double) -> String {
        let width = 24
        let filled = min(width, Int((p90 / result.usableMB * Double(width)).rounded()))
        let warnCell = Int((result.warnMB / result.usableMB * Double(width)).rounded())
        let criticalCell = Int((result.criticalMB / result.usableMB * Double(width)).rounded())
        var cells = (0..<width).map { $0 < filled ? "█" : " " }
        if warnCell < width && warnCell >= filled { cells[warnCell] = "┊" }
        if criticalCell < width && criticalCell >= filled { cells[criticalCell] = "┃" }
        return cells.joined() + (p90 > result.usableMB ? "▶" : "│")
    }

    private var lastMonth: MonthForecast { result.months[result.months.count - 1] }

    private func serviceTable() -> TextTable {
        let last = lastMonth
        let rows = last.services.map { service -> [String] in
            let firstOver = result.months.first { month in
                (month.services.first { $0.name == service.name }?.pOverLimit?.estimate ?? 0) >= 0.01
            }
            return [service.name, NumberFormat.decimal(service.memoryMB.p50, 0), NumberFormat.decimal(service.memoryMB.p90, 0),
                    NumberFormat.decimal(service.memoryMB.p99, 0),
                    service.pOverLimit.map { NumberFormat.percent($0.estimate) } ?? "no limit",
                    firstOver.map { "month \($0.month) (\($0.date))" } ?? "—"]
        }
        return TextTable(columns: [.init("service", .left), .init("p50 MB"), .init("p90 MB"), .init("p99 MB"),
                                   .init("P(over limit)"), .init("P(over limit) ≥ 1 % from", .left)], rows: rows)
    }

    private func poolTable() -> TextTable {
        let rows = result.poolNames.indices.map { k -> [String] in
            let pool = lastMonth.pools[k]
            let firstSaturated = result.months.first { $0.pools[k].pSaturated.estimate >= 0.01 }
            return [pool.name, NumberFormat.decimal(100 * pool.utilization.p50, 1) + "%",
                    NumberFormat.decimal(100 * pool.utilization.p90, 1) + "%", NumberFormat.percent(pool.pSaturated.estimate),
                    firstSaturated.map { "month \($0.month) (\($0.date))" } ?? "—"]
        }
        return TextTable(columns: [.init("pool", .left), .init("utilization p50"), .init("utilization p90"),
                                   .init("P(saturated)"), .init("P(saturated) ≥ 1 % from", .left)], rows: rows)
    }

    /// The runway verdict: when the P90 of host memory crosses each level.
    public var verdict: String {
        let runway = result.runway
        func when(_ month: Int?) -> String {
            guard let month else { return "not within \(result.months.count) months" }
            return "month \(month) (\(result.months[month - 1].date))"
        }
        let firstRisk = result.months.first { $0.pOOM.estimate >= 0.01 }
        var text = "Runway (P90 host memory): warn \(when(runway.warn)), critical \(when(runway.critical)), "
            + "usable memory \(when(runway.usable))."
        text += firstRisk.map { " P(OOM) reaches 1 % in month \($0.month) (\($0.date))." }
            ?? " P(OOM) stays below 1 % through month \(result.months.count)."
        return text
    }

    private var statusRule: String {
        "Status: CRITICAL when P(OOM) ≥ 1 %, ACT when P90 ≥ critical, WATCH when P90 ≥ warn, else SAFE. "
            + "Memory at the monthly peak, per node; rps are monthly averages."
    }

    public var table: String {
        var text = headline + "\n\n"
        var months = monthTable(markdown: false).plainText
        if colour {
            for status in ForecastStatus.allCases.reversed() {
                let code = switch status { case .safe: "32"; case .watch: "33"; case .act: "35"; case .critical: "31" }
                months = months.replacingOccurrences(of: "  \(status.rawValue)\n", with: "  \u{1B}[\(code)m\(status.rawValue)\u{1B}[0m\n")
            }
        }
        text += months + "\n"
        text += "Services at month \(lastMonth.month) (\(lastMonth.date)):\n" + serviceTable().plainText
        if !result.poolNames.isEmpty {
            text += "\nPools at month \(lastMonth.month) (\(lastMonth.date)):\n" + poolTable().plainText
        }
        return text + "\n" + verdict + "\n" + statusRule + "\n"
    }

    public var markdown: String {
        var text = "## Memory forecast: \(result.modelName)\n\n" + headline + "\n\n" + monthTable(markdown: true).markdown
        text += "\n### Services at month \(lastMonth.month) (\(lastMonth.date))\n\n" + serviceTable().markdown
        if !result.poolNames.isEmpty {
            text += "\n### Pools at month \(lastMonth.month) (\(lastMonth.date))\n\n" + poolTable().markdown
        }
        return text + "\n" + verdict + "\n\n" + statusRule + "\n"
    }
}
