import Foundation
import Testing
@testable import CapacityKit

@Suite struct ChartTests {
    @Test("ticks fall on round steps of 1, 2, 2.5 or 5 × 10ᵏ, by hand", arguments: [
        (0.0, 3500.0, 6, [0.0, 500, 1000, 1500, 2000, 2500, 3000, 3500]),   // 3500/6 ≈ 583 → 500 (7 intervals)
        (0.0, 1.0, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),                       // 1/6 ≈ 0.167 → 0.2 (5 intervals)
        (0.0, 100.0, 4, [0.0, 25, 50, 75, 100]),                              // 100/4 = 25 → 2.5 × 10
        (1200.0, 1900.0, 6, [1200.0, 1300, 1400, 1500, 1600, 1700, 1800, 1900]), // 700/6 ≈ 117 → 100
        (0.0, 0.03, 3, [0.0, 0.01, 0.02, 0.03]),
    ])
    func ticks(lower: Double, upper: Double, target: Int, expected: [Double]) {
        #expect(LinearScale.ticks(lower, upper, target: target) == expected)
    }

    @Test("niceUpper ends the axis on a tick at or above the data")
    func niceUpper() {
        #expect(LinearScale.niceUpper(3675) == 4000)   // ticks of 0…3675 step 500 end at 3500 < 3675 → 4000
        #expect(LinearScale.niceUpper(3500) == 3500)
        #expect(LinearScale.niceUpper(0) == 1)
    }

    @Test("a scale maps its domain onto its range and back")
    func scale() {
        let y = LinearScale(domain: 0...4000, range: (240, 12))
        #expect(y(0) == 240 && y(4000) == 12 && y(2000) == 126)
        #expect(abs(y.invert(y(1234.5)) - 1234.5) < 1e-9)
        #expect(LinearScale(domain: 5...5, range: (0, 10))(5) == 5)
    }

    @Test("a band's path coordinates read back to its data")
    func bandReadsBack() throws {
        var chart = SVGChart(title: "t", description: "d", width: 400, height: 200, xDomain: 0...4, yDomain: 0...100)
        let xs: [Double] = [1, 2, 3], lower: [Double] = [10, 20, 30], upper: [Double] = [40, 60, 95]
        chart.band(xs: xs, lower: lower, upper: upper, colour: .blue, opacity: 0.3, label: "band")
        let svg = chart.svg
        let path = try #require(svg.range(of: "d=\"M").map { svg[$0.upperBound...] }?.prefix { $0 != "\"" })
        let points = path.replacingOccurrences(of: " Z", with: "").split(separator: "L").map {
            $0.trimmingCharacters(in: .whitespaces).split(separator: ",").map { Double($0)! }
        }
        #expect(points.count == 6)
        let read = points.map { (chart.x.invert($0[0]), chart.y.invert($0[1])) }
        for (index, (x, y)) in read.prefix(3).enumerated() {
            #expect(abs(x - xs[index]) < 0.01 && abs(y - upper[index]) < 0.01)
        }
        for (index, (x, y)) in read.suffix(3).reversed().enumerated() {
            #expect(abs(x - xs[index]) < 0.01 && abs(y - lower[index]) < 0.01)
        }
        #expect(svg.contains("<title id=\"chart-t-title\">t</title>") && svg.contains("<desc id=\"chart-t-desc\">d</desc>"))
    }

    @Test("text in charts is escaped, and coordinates stay finite")
    func escaping() {
        var chart = SVGChart(title: "a < b & \"c\"", description: "", xDomain: 0...1, yDomain: 0...1)
        chart.line(xs: [0, 1], values: [0, .infinity], colour: .black, label: "x")
        #expect(chart.svg.contains("a &lt; b &amp; &quot;c&quot;"))
        #expect(!chart.svg.contains("inf") && !chart.svg.contains("nan"))
    }
}
