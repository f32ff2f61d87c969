import Foundation
import Testing
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
        let result = try Calibration.run(model, history: history, loadTest: nil)
        #expect(result.values.count == 19)
        for value in result.values where value.key != "traffic.growth.sd" {
            let se = try #require(value.standardError)
            #expect(abs(value.value - value.previous) <= 3 * se, "\(value.key): \(value.value) ± \(se), model \(value.previous)")
        }
    }
}
