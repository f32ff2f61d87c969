import Foundation

/// Renders a ``ForecastResult`` as a table, CSV, JSON or Markdown. Pure: result in,
/// text out; every status, reason and verdict comes decided from the engine.
public struct ForecastWriter: ResultWriter {
    public var result: ForecastResult
    /// ANSI colour for the status column (only for a terminal, and only when `NO_COLOR` is unset).
    public var colour: Bool
    /// Terminal width the tables must fit (columns dropped or cut, rows never wrapped); nil: no limit.
    public var width: Int?
    /// The overrides the model ran with (`--set`): listed under the headline, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    public init(_ result: ForecastResult, colour: Bool = false, width: Int? = nil, overrides: [ModelOverride] = []) {
        self.result = result
        self.colour = colour
        self.width = width
        self.overrides = overrides
    }

    // MARK: - CSV

    /// The contract columns of DESIGN.md first, then per-service and per-pool columns,
    /// then `p_oom_by`, `memory_p90_of_usable`, `status_reason` and the per-resource
    /// `_p90_of_limit`, `_p_over_limit_by`, `_p_saturated_by`, `_p_wait_p90` columns, and last
    /// each worker pool's columns (``workerColumns(_:)``; none without a `workers:` section).
    ///
    /// For spreadsheets: `date` is the month's first day (`2026-12-01`, see
    /// ``CSVDocument/date(_:)``); probabilities and ratios are fractions —
    /// `memory_p90_of_usable` (host P90 ÷ usable memory) and `<service>_p90_of_limit`
    /// (service P90 ÷ its limit) replace the percentages `memory_p90_pct_usable` and
    /// `<service>_p90_pct_limit` of earlier versions.
    public static func csvHeader(services: [String], pools: [String], workers: [String] = []) -> [String] {
        var header = ["month", "date", "rps_p50", "rps_p90", "memory_p50_mb", "memory_p90_mb", "memory_p99_mb",
                      "p_warn", "p_critical", "p_oom", "status"]
        for service in services.map(ColumnName.of) {
            header += ["\(service)_memory_p50_mb", "\(service)_memory_p90_mb", "\(service)_memory_p99_mb",
                       "\(service)_p_over_limit"]
        }
        for pool in pools.map(ColumnName.of) {
            header += ["\(pool)_utilization_p50", "\(pool)_utilization_p90", "\(pool)_p_saturated"]
        }
        header += ["p_oom_by", "memory_p90_of_usable", "status_reason"]
        for service in services.map(ColumnName.of) { header += ["\(service)_p90_of_limit", "\(service)_p_over_limit_by"] }
        for pool in pools.map(ColumnName.of) { header += ["\(pool)_p_saturated_by", "\(pool)_p_wait_p90"] }
        for worker in workers.map(ColumnName.of) { header += workerColumns(worker) }
        return header
    }

    public var csv: String {
        let exact = NumberFormat.spreadsheet
        let rows = result.months.map { month -> [String] in
            var row = [String(month.month), CSVDocument.date(month.date), Self.cell(month.rps.p50, 2),
                       Self.cell(month.rps.p90, 2), Self.cell(month.memoryMB.p50, 1),
                       Self.cell(month.memoryMB.p90, 1), Self.cell(month.memoryMB.p99, 1),
                       exact(month.pWarn.estimate), exact(month.pCritical.estimate),
                       exact(month.pOOM.estimate), month.status.status.rawValue]
            for service in month.services {
                row += [Self.cell(service.memoryMB.p50, 1), Self.cell(service.memoryMB.p90, 1),
                        Self.cell(service.memoryMB.p99, 1), service.pOverLimit.map { exact($0.estimate) } ?? ""]
            }
            for pool in month.pools {
                row += [Self.cell(pool.utilization.p50, 4), Self.cell(pool.utilization.p90, 4),
                        exact(pool.pSaturated.estimate)]
            }
            row += [exact(month.pOOMBy.estimate), Self.cell(month.memoryMB.p90 / result.usableMB, 4),
                    Self.reason(month.status)]
            for service in month.services {
                row += [service.limitMB.map { Self.cell(service.memoryMB.p90 / $0, 4) } ?? "",
                        service.pOverLimitBy.map { exact($0.estimate) } ?? ""]
            }
            for pool in month.pools { row += [exact(pool.pSaturatedBy.estimate), exact(pool.pWaitP90)] }
            for worker in month.workers { row += Self.workerCells(worker) }
            return row
        }
        let header = Self.csvHeader(services: result.serviceNames, pools: result.poolNames, workers: result.workerNames)
        let document = CSVDocument(header: header, rows: rows)
        return OverrideNote.csv(InputsAgeNote.csv(document, result.inputsAge), overrides).text
    }

    /// A CSV figure rounded to `places` decimals, as a spreadsheet reads it back: at most 15
    /// significant digits and an exponent for huge values (never a 300-digit number).
    static func cell(_ value: Double, _ places: Int) -> String {
        abs(value) < 1e15 ? NumberFormat.decimal(value, places) : NumberFormat.spreadsheet(value)
    }

    // MARK: - Status, reasons and the verdict

    /// Why a month has its status: `api over limit; pool postgres saturated`, `host P90 ≥ warn (75 % of usable)`.
    static func reason(_ status: MonthStatus) -> String {
        status.deciding.map { resource in
            switch status.status {
            case .critical: return resource.failureReason
            case .act: return "\(resource.shortName) P90 ≥ critical (\(percent(resource.levels.critical)) of \(resource.kind.capacityWord))"
            case .watch: return "\(resource.shortName) P90 ≥ warn (\(percent(resource.levels.warn)) of \(resource.kind.capacityWord))"
            case .safe: return ""
            }
        }.joined(separator: "; ")
    }

    /// The status cell of the month table: `CRITICAL api`, or `CRITICAL api +2` when more
    /// resources decide it (CSV's `status_reason` and JSON name them all).
    static func statusCell(_ status: MonthStatus) -> String {
        guard let first = status.deciding.first else { return status.status.rawValue }
        let more = status.deciding.count - 1
        return "\(status.status.rawValue) \(first.shortName)" + (more > 0 ? " +\(more)" : "")
    }


    static func percent(_ fraction: Double) -> String { NumberFormat.short(fraction * 100) + " %" }

    /// `2027-02 (month 3)`.
    func when(_ month: Int) -> String { "\(result.months[month - 1].date) (month \(month))" }

    /// One line per resource, first failure first: what fails, from when, and when its P90 crosses its levels.
    public var verdictLines: [String] {
        let risk = NumberFormat.short(result.risk * 100) + " %"
        let horizon = result.months[result.months.count - 1].date
        return result.verdict.map { outlook in
            let resource = outlook.resource, crossings = outlook.crossings
            let capacity = NumberFormat.decimal(resource.capacity, 0)
            let failure = resource.kind.failure(at: capacity)
            let of = resource.kind.capacityPhrase()
            var levels: [String] = []
            if let month = crossings.critical {
                levels.append("P90 reaches \(Self.percent(resource.levels.critical)) of \(of) in \(when(month))")
            } else if let month = crossings.warn {
                levels.append("P90 reaches \(Self.percent(resource.levels.warn)) of \(of) in \(when(month))")
            }
            if let month = crossings.limit { levels.append("100 % in \(when(month))") }
            if let month = crossings.risk {
                return "\(resource.label): \(failure) in ≥ \(risk) of paths from \(when(month))"
                    + (levels.isEmpty ? "" : " — " + levels.joined(separator: ", "))
            }
            if !levels.isEmpty {
                return "\(resource.label): \(levels.joined(separator: ", ")); P(\(resource.kind.wording.failureProbability)) stays below \(risk) through \(horizon)"
            }
            return "\(resource.label): P90 stays below warn (\(Self.percent(resource.levels.warn)) of \(of)) through \(horizon)"
        }
    }

    // MARK: - JSON

    public var json: String {
        var document = ForecastDocument(result, reason: Self.reason, verdict: verdictLines)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    private var headline: String {
        let r = result
        return "\(r.modelName): \(r.months.count)-month forecast, \(NumberFormat.grouped(r.paths)) paths, seed \(r.options.seed)"
            + " · \(r.nodes) node\(r.nodes == 1 ? "" : "s") × \(NumberFormat.decimal(r.usableMB, 0)) MB usable"
            + " (warn \(NumberFormat.decimal(r.warnMB, 0)) MB, critical \(NumberFormat.decimal(r.criticalMB, 0)) MB)"
            + (InputsAgeNote.line(result.inputsAge).map { "\n" + $0 } ?? "")
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    private func monthTable() -> TextTable {
        // On a narrow terminal the bar, then P(OOM by), P(warn), P(crit), the P99, P50 and rps P50 go first.
        let columns: [TextTable.Column] = [
            .init("month"), .init("date", .left), .init("rps p50", droppable: true), .init("rps p90"),
            .init("mem p50 MB", droppable: true), .init("mem p90 MB"), .init("mem p99 MB", droppable: true),
            .init("p90 % usable"), .init("p90 vs warn┊ crit┃ usable", .left, droppable: true, bar: true),
            .init("P(warn)", droppable: true), .init("P(crit)", droppable: true), .init("P(OOM)"),
            .init("P(OOM by)", droppable: true), .init("status", .left),
        ]
        let rows = result.months.map { month -> [String] in
            [String(month.month), month.date.description, quantile(NumberFormat.decimal(month.rps.p50, 1), 0.5),
             quantile(NumberFormat.decimal(month.rps.p90, 1), 0.9), quantile(NumberFormat.decimal(month.memoryMB.p50, 0), 0.5),
             quantile(NumberFormat.decimal(month.memoryMB.p90, 0), 0.9), quantile(NumberFormat.decimal(month.memoryMB.p99, 0), 0.99),
             quantile(NumberFormat.decimal(100 * month.memoryMB.p90 / result.usableMB, 1) + "%", 0.9), bar(month.memoryMB.p90),
             NumberFormat.probability(month.pWarn), NumberFormat.probability(month.pCritical),
             NumberFormat.probability(month.pOOM), NumberFormat.probability(month.pOOMBy),
             (result.statusRestsOnFewPaths(month.month) ? PathSupport.mark : "") + Self.statusCell(month.status)]
        }
        return TextTable(columns: columns, rows: rows)
    }

    /// The statuses' terminal colours, the worst first (a line's last status word is coloured).
    static let statusColours: [Block.TerminalColour] = ForecastStatus.allCases.reversed().map { status in
        let code = switch status { case .safe: "32"; case .watch: "33"; case .act: "35"; case .critical: "31" }
        return .init(status.rawValue, code: code)
    }

    /// A quantile's cell, marked when the run's paths cannot carry it (``PathSupport``).
    private func quantile(_ cell: String, _ p: Double) -> String {
        PathSupport.supportsQuantile(p, paths: result.paths) ? cell : PathSupport.mark + cell
    }

    /// 24 cells for 0 … usable memory: filled to the P90, `┊` at warn, `┃` at critical, `▶` past usable.
    func bar(_ p90: Double) -> String {
        let width = 24
        let ratio = p90 / result.usableMB
        let fraction = ratio.isNaN ? 0 : min(1, max(0, ratio))
        let filled = Int((fraction * Double(width)).rounded())
        let warnCell = Int((result.warnMB / result.usableMB * Double(width)).rounded())
        let criticalCell = Int((result.criticalMB / result.usableMB * Double(width)).rounded())
        var cells = (0..<width).map { $0 < filled ? "█" : " " }
        if warnCell < width && warnCell >= filled { cells[warnCell] = "┊" }
        if criticalCell < width && criticalCell >= filled { cells[criticalCell] = "┃" }
        return cells.joined() + (p90 > result.usableMB ? "▶" : "│")
    }

    var lastMonth: MonthForecast { result.months[result.months.count - 1] }

    /// A utilisation for people: `83.4%`, or past capacity `2.5× capacity` (capped at `> 1000× capacity`).
    static func utilization(_ rho: Double) -> String {
        if rho <= 1 { return NumberFormat.decimal(100 * rho, 1) + "%" }
        if rho >= 1000 { return "> 1000× capacity" }
        return NumberFormat.short(rho, digits: 3) + "× capacity"
    }

    private func serviceTable() -> TextTable {
        let last = lastMonth, months = result.months.count
        let outlooks = result.resources.filter { $0.resource.kind == .container }
        let rows = last.services.map { service -> [String] in
            let risk = outlooks.first { $0.resource.name == service.name }?.crossings.risk
            return [service.name, quantile(NumberFormat.decimal(service.memoryMB.p50, 0), 0.5),
                    quantile(NumberFormat.decimal(service.memoryMB.p90, 0), 0.9),
                    quantile(NumberFormat.decimal(service.memoryMB.p99, 0), 0.99), service.limitMB.map { NumberFormat.decimal($0, 0) } ?? "—",
                    service.limitMB.map { NumberFormat.decimal(100 * service.memoryMB.p90 / $0, 1) + "%" } ?? "—",
                    service.pOverLimit.map(NumberFormat.probability) ?? "no limit",
                    service.pOverLimitBy.map(NumberFormat.probability) ?? "—",
                    risk.map(when) ?? "—"]
        }
        let risk = NumberFormat.short(result.risk * 100) + " %"
        return TextTable(columns: [.init("service", .left), .init("p50 MB"), .init("p90 MB"), .init("p99 MB"),
                                   .init("limit MB"), .init("p90 % limit"), .init("P(over limit)"),
                                   .init("P(over by m\(months))"), .init("P(over) ≥ \(risk) from", .left)], rows: rows)
    }

    private func poolTable() -> TextTable {
        let months = result.months.count
        let rows = result.resources.filter { $0.resource.kind == .pool }.enumerated().map { k, outlook -> [String] in
            let pool = lastMonth.pools[k]
            return [pool.name, NumberFormat.decimal(outlook.resource.capacity, 0),
                    NumberFormat.decimal(pool.offeredLoad.p90, 1), Self.utilization(pool.utilization.p50),
                    Self.utilization(pool.utilization.p90), NumberFormat.probability(pool.pSaturated),
                    NumberFormat.probability(pool.pSaturatedBy), outlook.crossings.risk.map(when) ?? "—"]
        }
        let risk = NumberFormat.short(result.risk * 100) + " %"
        return TextTable(columns: [.init("pool", .left), .init("connections"), .init("load p90"),
                                   .init("utilization p50"), .init("utilization p90"), .init("P(saturated)"),
                                   .init("P(sat. by m\(months))"), .init("P(saturated) ≥ \(risk) from", .left)], rows: rows)
    }

    private var notes: [String] { ForecastNotes.all(risk: result.risk, workers: !result.workerNames.isEmpty) }

    /// The headline and the months; services, pools and worker pools at the last month; what
    /// fails first; the notes.
    public var document: Document {
        let at = "at month \(lastMonth.month) (\(lastMonth.date))"
        var document = Document([.heading(level: 2, text: "Memory forecast: \(result.modelName)", terminal: .omitted),
                                 .paragraph(headline), .table(monthTable(), colours: Self.statusColours),
                                 .heading(level: 3, text: "Services \(at)", terminal: .colon), .table(serviceTable())])
        if !result.poolNames.isEmpty {
            document.append(contentsOf: [.heading(level: 3, text: "Pools \(at)", terminal: .colon), .table(poolTable())])
        }
        if !result.workerNames.isEmpty {
            document.append(contentsOf: [.heading(level: 3, text: "Worker pools \(at)", terminal: .colon), .table(workerTable())])
        }
        document.append(contentsOf: [.heading(level: 3, text: "What fails first", terminal: .colon),
                                     .list(items: verdictLines, terminal: .indent), .paragraphs(notes)])
        return document
    }

    /// ``document`` for a terminal, its statuses coloured with ``colour``.
    public var table: String { PlainTextRenderer(width: width, colour: colour).render(document) }
}
