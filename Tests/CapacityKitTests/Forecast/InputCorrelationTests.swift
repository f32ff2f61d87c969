import Foundation
import Testing
@testable import CapacityKit

@Suite struct InputCorrelationTests {
    /// Two services with correlated noise and flat traffic: host = b₁(1 + σ₁z₁) + b₂(1 + σ₂z₂)
    /// is normal with mean b₁ + b₂ and variance (b₁σ₁)² + (b₂σ₂)² + 2ρ·b₁σ₁·b₂σ₂, so
    /// P(host > usable) = 1 − Φ((usable − mean)/sd). (The clamp at 0 memory is 10 sd away.)
    @Test(arguments: [0.8, -0.5, 0.0])
    func correlatedNoiseClosedForm(rho: Double) throws {
        let model = Model(
            name: "correlated", start: YearMonth(year: 2027, month: 1), host: Model.Host(memoryMB: 2200),
            traffic: Model.Traffic(rps: 10, growth: Model.Growth(mean: 0)),
            services: [Model.Service(name: "a", memory: Model.Memory(baseMB: 1000, noise: 0.1)),
                       Model.Service(name: "b", memory: Model.Memory(baseMB: 1000, noise: 0.1))],
            correlations: Model.Correlations(inputs: ["a.noise", "b.noise"], matrix: [1, rho, rho, 1]))
        let seed: UInt64 = 31, n = 40_000
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 2, paths: n, seed: seed, threads: 2))
        let sd = (100.0 * 100 + 100 * 100 + 2 * rho * 100 * 100).squareRoot()
        let exact = 1 - Normal.cdf((2200 - 2000) / sd)
        let se = (exact * (1 - exact) / Double(n)).squareRoot()
        for month in result.months {
            #expect(abs(month.pOOM.estimate - exact) <= 5 * se, "ρ = \(rho), month \(month.month): \(month.pOOM.estimate) vs \(exact), seed \(seed)")
        }
    }

    /// Growth (drawn once per path) against the monthly peak factor: applying the
    /// factor to independent normals must give sample correlations within 5 standard
    /// errors of C, where SE(r) ≈ (1 − ρ²)/√n (Fisher).
    @Test func growthAndMonthlyInputs() throws {
        let model = Model(
            name: "c", start: YearMonth(year: 2027, month: 1), host: Model.Host(memoryMB: 4000),
            traffic: Model.Traffic(rps: 10, growth: Model.Growth(mean: 0.1, sd: 0.05)),
            services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, noise: 0.1))],
            correlations: Model.Correlations(inputs: ["growth", "peak_factor", "api.noise"],
                                             matrix: [1, 0.6, 0.3, 0.6, 1, 0.5, 0.3, 0.5, 1]))
        let correlation = try #require(try InputCorrelation(model: model))
        let paths = 20_000, months = 2, rows = paths * months, seed: UInt64 = 8
        var generator = StreamKey(seed: seed, path: 0, stream: 0).generator
        var growth = (0..<paths).map { _ in Normal.quantile(generator.nextUniform()) }
        var monthly = (0..<(rows * 3)).map { _ in Normal.quantile(generator.nextUniform()) }
        growth.withUnsafeMutableBufferPointer { g in
            monthly.withUnsafeMutableBufferPointer { m in
                correlation.apply(growth: UnsafeBufferPointer(g), monthly: m, rows: rows, pathsPerMonth: paths)
            }
        }
        let growthColumn = (0..<rows).map { growth[$0 % paths] }
        let peak = Array(monthly[rows..<(2 * rows)]), noise = Array(monthly[(2 * rows)..<(3 * rows)])
        for (x, y, rho, label) in [(growthColumn, peak, 0.6, "growth–peak"), (growthColumn, noise, 0.3, "growth–noise"),
                                   (peak, noise, 0.5, "peak–noise")] {
            let r = sampleCorrelation(x, y)
            // Growth repeats across months, so its pairs count once per path.
            let effective = label.hasPrefix("growth") ? paths : rows
            let se = (1 - rho * rho) / Double(effective).squareRoot()
            #expect(abs(r - rho) <= 5 * se, "\(label): r = \(r) vs \(rho), seed \(seed)")
        }
        // The volatility column is left alone.
        #expect(abs(sampleCorrelation(growthColumn, Array(monthly[0..<rows]))) <= 5 / Double(paths).squareRoot())
    }

    @Test("a correlation of 1 (semi-definite) is accepted and moves the inputs together")
    func perfectCorrelation() throws {
        var model = deterministicModel.withNoise(0.1)
        model.correlations = Model.Correlations(inputs: ["a.noise", "b.noise"], matrix: [1, 1, 1, 1])
        let correlation = try #require(try InputCorrelation(model: model))
        var growth = [0.3, -1.0]
        var monthly = [0.5, 0.1, 1.2, -0.4, -2.0, 0.7, 9, 9]   // volatility, peak, a.noise, b.noise; 2 rows each
        growth.withUnsafeMutableBufferPointer { g in
            monthly.withUnsafeMutableBufferPointer { m in
                correlation.apply(growth: UnsafeBufferPointer(g), monthly: m, rows: 2, pathsPerMonth: 2)
            }
        }
        #expect(monthly[0...3] == [0.5, 0.1, 1.2, -0.4], "volatility and peak are unchanged")
        // The jitter leaves b.noise √(2·10⁻¹⁰) ≈ 1.4e-5 of its own normal (9 here): |Δ| ≤ 1.3e-4.
        #expect(abs(monthly[4] - monthly[6]) < 2e-4 && abs(monthly[5] - monthly[7]) < 2e-4)
    }

    @Test("a matrix that is not positive semi-definite is a model error naming the inputs and the nearest valid one")
    func notSemiDefinite() throws {
        let text = DefaultModel.yaml + """
            correlations:
              inputs: [growth, peak_factor, api.noise]
              matrix:
                - [1, 0.9, -0.9]
                - [0.9, 1, 0.9]
                - [-0.9, 0.9, 1]

            """
        let error = try #require(throws: ModelError.self) { try ModelLoader.parse(text, file: "m.yaml") }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message == "correlations.matrix over (growth, peak_factor, api.noise) is not positive semi-definite (smallest eigenvalue -0.8): no random inputs can have these correlations")
        #expect(diagnostic.hint?.hasPrefix("the nearest valid matrix is [[1, ") == true)
        let given = Model.Correlations(inputs: ["growth", "peak_factor", "api.noise"],
                                       matrix: [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1])
        let nearest = Model.Correlations(inputs: given.inputs, matrix: try given.nearestValid())
        #expect(try nearest.smallestEigenvalue() >= 0)
        #expect((0..<3).allSatisfy { nearest[$0, $0] == 1 })
    }

    func sampleCorrelation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxy / (sxx * syy).squareRoot()
    }
}
