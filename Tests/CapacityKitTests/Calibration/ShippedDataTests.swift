import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The shipped example data tell one story with the default model.
@Suite("Calibration: shipped data")
struct ShippedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `notebooks-data/4gb-stack-history.csv` is simulated from `models/4gb-stack.yaml` with its
    /// growth rate fixed at the mean (scripts/make-synthetic-history), so calibrating the default
    /// model from it gives the model's own values back within 3 standard errors — all but
    /// `growth.sd`, which a single history estimates as the standard error of its trend
    /// (0.007 from 11 ratios), not the model's prior spread between paths (0.05).
    @Test("calibrating the default model from the shipped history recovers it within 3 SE")
    func historyRecoversModel() throws {
        let model = try DefaultModel.load()
        let path = Self.root.appendingPathComponent("notebooks-data/4gb-stack-history.csv").path
        let history = try MonthlyHistory.read(csv: try DataFileError.readText(path), file: path, model: model)
        let result = try Calibration.run(try ValidatedModel(model), history: history, loadTest: nil)
        #expect(result.values.count == 22)
        for value in result.values where value.key != "traffic.growth.sd" {
            let se = try #require(value.standardError)
            #expect(abs(value.value - value.previous) <= 3 * se, "\(value.key): \(value.value) ± \(se), model \(value.previous)")
        }
    }

    static func text(_ path: String) throws -> String {
        try DataFileError.readText(root.appendingPathComponent(path).path)
    }

    /// The default model's `system` figures are what `capacity calibrate` derives from seed
    /// 000's load test (the command in the model's header): calibrating the shipped model
    /// from the shipped load test rewrites it into itself, byte for byte but for the
    /// `previous:` figures of its `calibration:` section (those before the first calibration).
    @Test("the default model is calibrate's output for the shipped load test (a fixed point)")
    func modelIsCalibrated() throws {
        let file = "models/4gb-stack.yaml", data = "notebooks-data/4gb-stack-loadtest.csv"
        let text = try Self.text(file)
        #expect(text == DefaultModel.yaml)
        let model = try DefaultModel.load()
        let loadTest = try LoadTest.read(csv: try Self.text(data), file: data, model: model)
        let result = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: loadTest)
        #expect(result.fits.map(\.name) == ["memory outside the containers"])
        let date = try #require(text.split(separator: "\n").first { $0.hasPrefix("  date: ") }).dropFirst(8)
        // The section's `previous:` values are the figures before the first calibration.
        func withoutPrevious(_ text: String) -> String {
            text.replacingOccurrences(of: #", previous: [^}]*"#, with: "", options: .regularExpression)
        }
        // The fit runs in OpenBLAS/LAPACK, whose kernels differ by processor in the last bits.
        let rewritten = try ModelRewriter.rewrite(text, file: file, result: result, date: String(date))
        #expect(LastDigits.rounded(withoutPrevious(rewritten)) == LastDigits.rounded(withoutPrevious(text)))
    }

    /// Seed 000, "OOM probability by load level": host memory 2,050, 2,350, 2,600, 3,100 and
    /// 3,600 MB at 100, 150, 200, 300 and 500 rps (a steady load: peak = load). The default
    /// model's host demand there, Σ base + per_rps · p + per_connection · c with c = p · 2 · 0.015
    /// connections (Little's law, below the pool's 16), lies within 2 standard deviations of its
    /// own spread √Σ (noiseₛ · mₛ)² of every measurement.
    @Test("the default model agrees with seed 000's measurements within its spread")
    func agreesWithSeed() throws {
        let model = try DefaultModel.load()
        for (load, measured) in [(100.0, 2050.0), (150, 2350), (200, 2600), (300, 3100), (500, 3600)] {
            let memory = model.services.map { s in
                s.memory.baseMB + s.memory.perRPSMB * load + s.memory.perConnectionMB * load * 2 * 0.015
            }
            let demand = memory.reduce(0, +)
            let spread = zip(model.services, memory).reduce(0.0) { $0 + pow($1.0.memory.noise * $1.1, 2) }.squareRoot()
            #expect(abs(demand - measured) <= 2 * spread, "\(load) rps: model \(demand) ± \(spread) MB, seed \(measured) MB")
        }
    }
}
