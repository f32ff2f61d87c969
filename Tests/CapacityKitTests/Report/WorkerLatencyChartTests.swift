import Foundation
import Testing
@testable import CapacityKit

/// The report's latency chart of a worker pool draws a rule for every bound its SLO gives
/// (issue #22 item 4): a P99-only SLO gets its P99 rule, at the bound's height.
@Suite struct WorkerLatencyChartTests {
    /// The y coordinates of the chart's rules, in drawing order, as written in the SVG.
    static func ruleHeights(_ svg: String) -> [String] {
        svg.components(separatedBy: "<g class=\"rule\"><line ").dropFirst().compactMap { line in
            line.range(of: "y1=\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    static func chart(slo: Model.LatencySLO) throws -> SVGChart {
        var model = WorkerForecastTests.model
        model.workers[0].slo = slo
        let forecast = try MemoryForecast.run(model, options: ForecastOptions(months: 9, paths: 20))
        return ReportCharts.workerLatency(forecast, worker: 0)
    }

    @Test("a P99-only SLO: one rule at 700 ms, labelled, in the legend, within the chart")
    func p99Only() throws {
        let chart = try Self.chart(slo: Model.LatencySLO(p99MS: 700))
        let svg = chart.svg
        // The y scale maps 0…top onto the plot (top: 3 × 700 = 2,100 at most, at least 1.25 × 700, rounded up nicely).
        #expect(chart.y.domain.upperBound >= 1.25 * 700 && chart.y.domain.upperBound <= 3 * 700 * 1.05 * 2)
        #expect(Self.ruleHeights(svg) == [SVGChart.number(chart.y(700))])
        #expect(svg.contains(">SLO P99 700 ms</text>") && svg.contains(">SLO P99</text>"))
        #expect(!svg.contains("SLO P95"))
    }

    @Test("P95 and P99: two rules, each at its bound; P95 alone keeps its rule as it was")
    func both() throws {
        let chart = try Self.chart(slo: Model.LatencySLO(p95MS: 500, p99MS: 800))
        #expect(Self.ruleHeights(chart.svg) == [SVGChart.number(chart.y(500)), SVGChart.number(chart.y(800))])
        #expect(chart.svg.contains(">SLO P95 500 ms</text>") && chart.svg.contains(">SLO P99 800 ms</text>"))
        #expect(chart.y.domain.upperBound >= 1.25 * 800)
        let alone = try Self.chart(slo: Model.LatencySLO(p95MS: 500))
        #expect(Self.ruleHeights(alone.svg) == [SVGChart.number(alone.y(500))])
        #expect(alone.svg.contains(">SLO 500 ms</text>") && alone.svg.contains(">SLO P95</text>"))
    }
}
