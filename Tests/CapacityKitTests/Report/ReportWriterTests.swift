import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import CapacityTestSupport
@testable import CapacityKit

@Suite struct ReportWriterTests {
    static let today = CalendarDay(year: 2026, month: 11, day: 27)

    static func review(_ model: Model, months: Int = 12) throws -> QuarterlyReview {
        try QuarterlyReview.run(ValidatedModel(model), options: QuarterlyReview.Options(
            months: months, paths: 4000, seed: 7, threads: 2, today: today))
    }

    @Test("the HTML page is well-formed, has one SVG per chart, and each chart's table equals the JSON")
    func wellFormed() throws {
        let model = try DefaultModel.load()
        let writer = ReportWriter(try Self.review(model))
        let reader = PageReader()
        let parser = XMLParser(data: Data(writer.html.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // Host fan, one per container (5), the S-curves of failure, one per pool (1), one per worker pool (1),
        // the tornado, fix-first bars, downtime histogram.
        #expect(reader.elements["svg"] == 1 + 5 + 1 + 1 + 1 + 1 + 1 + 1)
        #expect(reader.elements["desc"] == 12)
        #expect(reader.elements["script"] == nil && reader.elements["img"] == nil, "no JavaScript, nothing fetched")

        // The host table under the fan chart: P1, P10, P50, P90, P99 equal the JSON's percentiles.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        let forecast = try #require(json["forecast"] as? [String: Any])
        let months = try #require(forecast["months"] as? [[String: Any]])
        let hostTable = try #require(reader.tables.first { $0.first?.contains("P1 MB") == true })
        #expect(hostTable.count == months.count + 1)
        for (row, month) in zip(hostTable.dropFirst(), months) {
            let memory = try #require(month["memory_mb"] as? [String: Double])
            for (column, key) in [(2, "p1"), (3, "p10"), (4, "p50"), (5, "p90"), (6, "p99")] {
                #expect(row[column] == NumberFormat.decimal(memory[key]!, 1), "month \(row[0]) \(key)")
            }
        }
        // The worker pool's table under its chart: the P95 latency at the P90 load equals the JSON's (or is saturated).
        let workerTable = try #require(reader.tables.first { $0.first?.contains("P95 ms, P90") == true })
        #expect(workerTable.count == months.count + 1)
        for (row, month) in zip(workerTable.dropFirst(), months) {
            let worker = try #require((month["workers"] as? [[String: Any]])?.first)
            #expect(row[3] == ((worker["p95_ms_p90"] as? Double).map { NumberFormat.decimal($0, 0) } ?? "saturated"),
                    "month \(row[0])")
        }
        #expect(json["summary"] != nil && json["inputs"] != nil && json["deployment"] != nil && json["availability"] != nil
            && json["pools"] != nil)
    }

    @Test("page one is the plan's decision: its asks, costs and unsolved resources are the plan's own, first on the page")
    func decision() throws {
        let review = try QuarterlyReview.run(try DefaultModel.validate(today: nil), options: QuarterlyReview.Options(
            months: 24, paths: 3000, seed: 7, threads: 2, today: CalendarDay(year: 2026, month: 12, day: 1)))
        let plan = review.timeline.plan, decision = review.decision
        #expect(decision.totalCost == plan.totalCost)
        #expect(decision.costAtEnd == plan.months.last!.costPerMonth && decision.costToday == review.timeline.baseCostPerMonth)
        // Every infrastructure change is asked for; limit and pool changes only before the next review (2027-03).
        let infrastructure = plan.steps.filter { if case .limit = $0.change { false } else if case .poolSize = $0.change { false } else { true } }
        #expect(infrastructure.allSatisfy { step in decision.asks.contains { $0.label == step.label && $0.month == step.month } })
        #expect(decision.asks.count + decision.laterChanges == plan.steps.count)
        #expect(decision.unsolved.map(\.resource.label) == plan.shortfalls.filter { !$0.onlyBeforeFirstChange }.map(\.resource.label))
        #expect(!decision.unsolved.isEmpty, "24 months of 20 % growth outrun the default model's options")
        let writer = ReportWriter(review), html = writer.html
        let asks = try #require(html.range(of: "<h3>The decision</h3>"))
        #expect(asks.lowerBound < html.range(of: "<section id=\"memory\">")!.lowerBound)
        for step in decision.asks { #expect(html.contains(SVGChart.escape(step.label))) }
        #expect(writer.decisionLines.contains { $0.contains("$" + NumberFormat.decimal(plan.totalCost, 2) + " over the 24 months") })
        let unsolved = try #require(decision.unsolved.first)
        #expect(writer.decisionLines.contains { $0.contains(unsolved.wouldHold) })
    }

    @Test("no two labels of any chart overlap, and every one lies inside its chart, for the default and every shipped model",
          arguments: ["4gb-stack", "chat-bots", "saas-chat", "softfactory"])
    func labelsNeverOverlap(model name: String) throws {
        let file = CapacityTestSupport.CommandRunner.packageRoot.appendingPathComponent("models/\(name).yaml").path
        let review = try QuarterlyReview.run(try ModelLoader.validate(path: file, today: Self.today.yearMonth),
                                             options: QuarterlyReview.Options(months: 12, paths: 2000, seed: 7, threads: 2, today: Self.today))
        let charts = ReportWriter(review).charts
        #expect(charts.count >= 4)
        for chart in charts {
            let boxes = chart.textBoxes
            for (i, a) in boxes.enumerated() {
                #expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= chart.width + 0.5 && a.y + a.height <= chart.height + 0.5,
                        "\(name), \(chart.title): \(a) outside \(chart.width)×\(chart.height)")
                for b in boxes[(i + 1)...] where a.intersects(b) {
                    Issue.record("\(name), \(chart.title): labels overlap: \(a) and \(b)")
                }
            }
        }
        // A legend wherever a chart has more than one series, and a unit on every axis.
        let page = ReportWriter(review).html
        #expect(page.components(separatedBy: "class=\"legend\"").count > 10)
        #expect(page.contains(">month</text>") && page.contains(">minutes of downtime per year</text>") == (review.outages != nil))
    }

    @Test("What matters most: the tornado's bars largest first (at most 15), its table and the JSON agree; the scenarios side by side")
    func whatMattersMost() throws {
        let review = try QuarterlyReview.run(try DefaultModel.validate(today: nil), options: QuarterlyReview.Options(
            months: 6, paths: 3000, seed: 7, threads: 2, today: Self.today))
        let writer = ReportWriter(review)
        let html = writer.html
        #expect(html.contains("<section id=\"what-matters\">\n<h2>What matters most</h2>"))
        let ranked = review.sensitivity.ranked
        #expect(html.components(separatedBy: "<rect class=\"span\"").count - 1 == 2 * min(15, ranked.count))
        let swings = ranked.map(\.swing)
        #expect(swings == swings.sorted(by: >), "largest first")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        let sensitivity = try #require(json["sensitivity"] as? [String: Any])
        let keys = try #require(sensitivity["inputs"] as? [[String: Any]]).map { $0["key"] as? String }
        #expect(Array(keys.prefix(ranked.count)) == ranked.map(\.input.key))
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["command"] as? String } == ["forecast", "timeline", "deploy", "sla"])
        let markdown = writer.markdown
        for title in ["#### Forecast: first failure", "#### Forecast: runway mo", "#### Forecast: P(fail) 2027-05", "#### The plan",
                      "#### Deployments", "#### Availability"] {
            #expect(markdown.contains(title + "\n\n"), "\(title)")
        }
        #expect(markdown.contains("| resource | base | growth 30 % | api at 800 MB | second node |"))
        #expect(markdown.contains("| figure | base | growth 30 % | api at 800 MB | second node |"))

        // Twenty noisy services: twenty uncertain inputs, fifteen bars.
        var many = try DefaultModel.load()
        many.services = (1...20).map { Model.Service(name: "s\($0)", memory: Model.Memory(baseMB: 50, noise: 0.01 * Double($0))) }
        many.pools = []
        let crowded = try QuarterlyReview.run(try ValidatedModel(many), options: QuarterlyReview.Options(
            months: 2, paths: 1000, seed: 7, threads: 2, today: Self.today))
        #expect(crowded.sensitivity.ranked.count > 15)
        #expect(ReportWriter(crowded).html.components(separatedBy: "<rect class=\"span\"").count - 1 == 2 * 15)
    }

    @Test("the summary follows from the sections: first failure, plan by and act by are the forecast's crossings")
    func summaryFollowsDetail() throws {
        let review = try Self.review(ResourceStatusTests.container, months: 10)
        #expect(review.summary.firstFailure?.resource.label == "api container")
        // The timeline's dates: P90 at warn in month 7 (2027-07); critical in month 8, so with no
        // lead time (the model has no scaling section) act by the first day of 2027-08.
        #expect(review.summary.planBy?.planBy == YearMonth(year: 2027, month: 7))
        #expect(review.summary.actBy?.actBy == CalendarDay(year: 2027, month: 8, day: 1))
        #expect(review.summary.worstStatus == .critical)
        let lines = ReportWriter(review).summaryLines
        #expect(lines[0] == "Verdict: CRITICAL — the api container is the first to fail, from 2027-09 (month 9) "
            + "(P(fail) > 99.92% that month).")   // every one of 4,000 paths: the bound 1 − 3/4000
        #expect(lines[1] == "Plan by 2027-07 (api container P90 at warn); act by 2027-08-01 (api container, 0-day lead time).")
        #expect(lines[2].hasPrefix("First action: "), "\(lines[2])")
        #expect(lines.count == 3, "no deployment or availability section in this model")
    }
}
