import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The review's charts show the plan's world and what was observed (issue 23): the plan's capacity
/// and each container's limit as step lines, actuals before the fan, and the tables beneath with
/// the same numbers.
@Suite struct ReportPlanChartTests {
    static let today = CalendarDay(year: 2026, month: 12, day: 1)

    /// The default model over 24 months: its plan changes the node size and count and right-sizes limits.
    static func review(history: MonthlyHistory? = nil, paths: Int = 3000) throws -> QuarterlyReview {
        try QuarterlyReview.run(try DefaultModel.validate(today: nil), options: QuarterlyReview.Options(
            months: 24, paths: paths, seed: 7, threads: 2, today: today), history: history)
    }

    static func tables(_ html: String) throws -> [[[String]]] {
        let reader = PageReader()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = reader
        #expect(parser.parse())
        return reader.tables
    }

    @Test("a step line holds each month's value from x − ½ to x + ½, risers where it changes (coordinates read back)")
    func stepLine() throws {
        var chart = SVGChart(title: "t", description: "d", width: 400, height: 200, xDomain: 0...4, yDomain: 0...100)
        chart.steps(xs: [1, 2, 3], values: [10, 10, 40], colour: .purple, label: "capacity")
        let svg = chart.svg
        let points = try #require(svg.range(of: "class=\"steps\" points=\"").map { svg[$0.upperBound...] }?.prefix { $0 != "\"" })
        let read = points.split(separator: " ").map { pair -> (Double, Double) in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return (chart.x.invert(xy[0]), chart.y.invert(xy[1]))
        }
        // By hand: (0.5, 10) (1.5, 10) (1.5, 10) (2.5, 10) (2.5, 40) (3.5, 40).
        let expected: [(Double, Double)] = [(0.5, 10), (1.5, 10), (1.5, 10), (2.5, 10), (2.5, 40), (3.5, 40)]
        #expect(read.count == expected.count)
        for (got, want) in zip(read, expected) {
            #expect(abs(got.0 - want.0) < 0.01 && abs(got.1 - want.1) < 0.01, "\(got) ≠ \(want)")
        }
    }

    @Test("the host fan draws the plan: usable memory in force (node − reserved) and the P90 under it, equal to the plan and to the table beneath")
    func planOnTheFan() throws {
        let review = try Self.review()
        let plan = review.timeline.plan, host = review.model.host
        #expect(plan.months.contains { $0.nodeMemoryMB != host.memoryMB }, "the default plan changes the node size")
        let overlay = try #require(ReportCharts.planHost(review.forecast, plan: plan, host: host))
        for (index, month) in plan.months.enumerated() {
            #expect(overlay.usableMB[index] == month.nodeMemoryMB - host.reservedMB)
            #expect(overlay.p90MB[index] == month.hostP90 * (month.nodeMemoryMB - host.reservedMB))
        }
        let writer = ReportWriter(review)
        #expect(writer.charts[0].svg.contains("<title>usable under the plan</title>"))
        let table = try #require(try Self.tables(writer.html).first { $0.first?.contains("usable MB, plan") == true })
        let usable = try #require(table[0].firstIndex(of: "usable MB, plan")), p90 = try #require(table[0].firstIndex(of: "P90 MB, plan"))
        for (row, index) in zip(table.dropFirst(), plan.months.indices) {
            #expect(row[usable] == NumberFormat.decimal(overlay.usableMB[index], 0))
            #expect(row[p90] == NumberFormat.decimal(overlay.p90MB[index], 1))
        }
        // A plan that keeps the host's node size and count draws no overlay: the fan is its world.
        var flat = plan
        flat.months = plan.months.map { var m = $0; m.capacity = InstalledCapacity(review.model); return m }
        #expect(ReportCharts.planHost(review.forecast, plan: flat, host: host) == nil)
    }

    @Test("each container whose limit the plan changes shows the plan's limit as a step line, and its table the same limits")
    func planLimits() throws {
        let review = try Self.review()
        let writer = ReportWriter(review), tables = try Self.tables(writer.html)
        let services = review.timeline.services
        var drawn = 0
        for (index, outlook) in review.forecast.resources.enumerated() where outlook.resource.kind == .container {
            let serviceIndex = try #require(services.firstIndex(of: outlook.resource.name))
            let limits = review.timeline.plan.months.map { $0.capacity.limitsMB[serviceIndex]! }
            let chart = try #require(writer.charts.first { $0.title == "\(outlook.resource.name) container memory" })
            let changes = limits.contains { $0 != outlook.resource.capacity }
            #expect(chart.svg.contains("<title>limit under the plan</title>") == changes, "\(outlook.resource.name), \(index)")
            guard changes else { continue }
            drawn += 1
            // The container's table: date first, the plan's limit last.
            let table = try #require(tables.first { $0.first?.last == "limit MB, plan" && $0.count == limits.count + 1
                && $0.dropFirst().map(\.last!) == limits.map { NumberFormat.decimal($0, 0) } })
            #expect(table.dropFirst().map(\.first!) == review.forecast.months.map(\.date.description))
        }
        #expect(drawn > 0, "the default plan right-sizes at least one container")
    }

    @Test("observed host memory before the forecast: the history's months before month 1, drawn left of the fan, in the table and the JSON")
    func observedHistory() throws {
        let file = CommandRunner.packageRoot.appendingPathComponent("notebooks-data/4gb-stack-history.csv").path
        let model = try DefaultModel.load()
        let history = try MonthlyHistory.read(csv: try DataFileError.readText(file), file: "4gb-stack-history.csv", model: model)
        let review = try Self.review(history: history, paths: 1000)
        let observed = try #require(review.observed)
        // The file runs 2025-12 … 2026-11, every month with host memory; the forecast starts 2026-12.
        #expect(observed.months == (0..<12).map { YearMonth(year: 2025, month: 12).adding(months: $0) })
        #expect(observed.hostMemoryMB == history.hostMemoryMB.map { $0! })
        let writer = ReportWriter(review), chart = writer.charts[0]
        // Twelve months before month 1: the x axis starts at 1 − 12 − ½.
        #expect(chart.x.domain.lowerBound == -11.5)
        #expect(chart.svg.contains("<title>observed</title>") && chart.svg.contains(">2025-12</text>"))
        let table = try #require(try Self.tables(writer.html).first { $0.first == ["date", "observed MB"] })
        #expect(table.dropFirst().map { $0[1] } == observed.hostMemoryMB.map { NumberFormat.decimal($0, 1) })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        let document = try #require(json["observed"] as? [String: Any])
        #expect(document["host_memory_mb"] as? [Double] == observed.hostMemoryMB)
        // Months at or after the forecast's first are not "before"; a history without host memory draws nothing.
        #expect(ObservedHistory(history, before: YearMonth(year: 2025, month: 12)) == nil)
        let shorter = try #require(ObservedHistory(history, before: YearMonth(year: 2026, month: 3)))
        #expect(shorter.months.last == YearMonth(year: 2026, month: 2) && shorter.months.count == 3)
        var noHost = history
        noHost.hostMemoryMB = noHost.hostMemoryMB.map { _ in nil }
        #expect(ObservedHistory(noHost, before: YearMonth(year: 2026, month: 12)) == nil)
        // At most 24 months are shown: the last 24.
        let long = MonthlyHistory(source: "h.csv", months: (0..<30).map { YearMonth(year: 2024, month: 1).adding(months: $0) },
                                  rpsAverage: Array(repeating: 10, count: 30), hostMemoryMB: (0..<30).map { Double($0) })
        let kept = try #require(ObservedHistory(long, before: YearMonth(year: 2030, month: 1)))
        #expect(kept.months.count == 24 && kept.hostMemoryMB.first == 6)
    }

    @Test("availability says what one more replica buys: the SLA's ranking and best single step, on the page and in Markdown")
    func oneMoreReplica() throws {
        let review = try Self.review(paths: 1000)
        let analysis = try #require(review.availability), outages = try #require(review.outages)
        let sla = SLAWriter(modelName: review.model.name, analysis: analysis, simulation: outages)
        let best = try #require(sla.bestStep)
        let writer = ReportWriter(review), html = writer.html, markdown = writer.markdown
        #expect(html.contains("<h3>What one more replica buys</h3>") && html.contains(SVGChart.escape(best)))
        #expect(markdown.contains("### What one more replica buys\n\n" + best))
        // The ranking's first row is the best step's component.
        let table = try #require(try Self.tables(html).first { $0.first?.contains("downtime saved per year") == true })
        #expect(table[1][1] == analysis.bestSingleStep?.name)
    }

    @Test("a small run says what its ~ marks mean in the page's header; a run with enough paths says nothing")
    func smallRunLegend() throws {
        let small = ReportWriter(try Self.review(paths: 50)).html
        #expect(small.contains("<dt>Small run</dt><dd>--paths 50 is too few for some figures to carry their digits"))
        #expect(small.contains("tables mark them and every probability resting on fewer than 10 paths ~"))
        let enough = ReportWriter(try Self.review(paths: 1000)).markdown
        #expect(!enough.contains("Small run"))
        // The method says what a ~ means whatever the run (a rare probability is marked at any path count).
        #expect(enough.contains("~ before a figure: it rests on fewer than 10 paths"))
    }
}
