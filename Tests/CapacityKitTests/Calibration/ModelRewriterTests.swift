import Foundation
import Testing
@testable import CapacityKit

/// The calibrated model is written into the original text: only calibrated
/// values change, everything else survives byte for byte, and it validates.
@Suite("Calibration: ModelRewriter")
struct ModelRewriterTests {
    /// The default model without its own `calibration:` section (from the load test).
    static let text = DefaultModel.yaml.components(separatedBy: "\ncalibration:")[0]
    static let model = try! DefaultModel.load()

    /// A 24-month history with per-service columns, simulated from the default model.
    static func result() throws -> CalibrationResult {
        let history = HistorySimulator(model: model, first: YearMonth(year: 2024, month: 12), months: 24, seed: 7)
            .history(source: "history.csv")
        return try Calibration.run(try ValidatedModel(model), history: history, loadTest: nil)
    }

    @Test("every line not calibrated survives byte for byte; the result validates and holds the fitted values")
    func keepsTheRest() throws {
        let result = try Self.result()
        let rewritten = try ModelRewriter.rewrite(Self.text, file: "m.yaml", result: result, date: "2026-11-27")
        let before = Self.text.components(separatedBy: "\n").dropLast()  // the text ends with a newline
        let after = rewritten.components(separatedBy: "\n")
        let sectionStart = try #require(after.firstIndex(of: after.first { $0.hasPrefix("calibration:") }!))
        #expect(after[sectionStart - 1].isEmpty)
        let body = Array(after[..<(sectionStart - 1)])
        #expect(body.count == before.count, "no line added or removed: every key was already in the file")
        var calibratedLines = 0
        for (old, new) in zip(before, body) {
            if new.contains("# calibrated from history.csv, n=") { calibratedLines += 1; continue }
            #expect(old == new)
        }
        // growth ×3, peak_factor, and the memory line of each of the six services.
        #expect(calibratedLines == 10)
        let mean = try #require(body.firstIndex { $0.hasPrefix("    mean: ") })
        #expect(body[mean] == "    mean: \(ModelRewriter.format(result.values[0], like: "20%"))".padding(toLength: 32, withPad: " ", startingAt: 0)
                + "# calibrated from history.csv, n=23", "the comment stays at its column")
        let reparsed = try ModelLoader.parse(rewritten, file: "m.yaml")
        for value in result.values {
            let written = try #require(Self.number(at: value.key, in: reparsed))
            let tolerance = max((value.standardError ?? 0) / 10, abs(value.value) * 1e-3)
            #expect(abs(written - value.value) <= tolerance, "\(value.key): wrote \(written), fitted \(value.value)")
        }
    }

    @Test("a key missing from a one-line flow mapping is added before its `}`")
    func insertsIntoFlow() throws {
        let text = Self.text.replacingOccurrences(of: "{base_mb: 220, per_rps_mb: 0.8, noise: 0.05}", with: "{base_mb: 220, per_rps_mb: 0.8}")
        let model = try ModelLoader.parse(text, file: "m.yaml")
        let history = HistorySimulator(model: Self.model, first: YearMonth(year: 2024, month: 12), months: 24, seed: 7)
            .history(source: "history.csv")
        let result = try Calibration.run(try ValidatedModel(model), history: history, loadTest: nil)
        let rewritten = try ModelRewriter.rewrite(text, file: "m.yaml", result: result, date: "2026-11-27")
        let lines = rewritten.components(separatedBy: "\n")
        let line = lines[try #require(lines.firstIndex { $0.hasPrefix("  - name: api") }) + 1]
        #expect(line.contains(", noise: 0.0") && line.contains("}  ") && line.contains("# calibrated from history.csv, n=24, R²="))
        #expect(try ModelLoader.parse(rewritten, file: "m.yaml").services[0].memory.noise > 0)
    }

    @Test("calibrating again replaces the calibration section and keeps one")
    func again() throws {
        let result = try Self.result()
        let once = try ModelRewriter.rewrite(Self.text, file: "m.yaml", result: result, date: "2026-11-27")
        let twice = try ModelRewriter.rewrite(once, file: "m.yaml", result: result, date: "2026-11-28")
        #expect(twice.components(separatedBy: "\ncalibration:").count == 2)
        #expect(twice.contains("date: 2026-11-28") && !twice.contains("date: 2026-11-27"))
        #expect(twice.replacingOccurrences(of: "2026-11-28", with: "2026-11-27") == once)
    }

    @Test("a key missing from a block mapping is added on its own line")
    func insertsIntoBlock() throws {
        let text = Self.text.replacingOccurrences(of: "    volatility: 3%              # month-to-month noise\n", with: "")
        let model = try ModelLoader.parse(text, file: "m.yaml")
        let history = HistorySimulator(model: Self.model, first: YearMonth(year: 2025, month: 12), months: 12, seed: 3)
            .history(source: "h.csv")
        let result = try Calibration.run(try ValidatedModel(model), history: history, loadTest: nil)
        let rewritten = try ModelRewriter.rewrite(text, file: "m.yaml", result: result, date: "2026-11-27")
        let lines = rewritten.components(separatedBy: "\n")
        let sd = try #require(lines.firstIndex { $0.hasPrefix("    sd: ") })
        #expect(lines[sd + 1].hasPrefix("    volatility: ") && lines[sd + 1].contains("# calibrated from h.csv, n=11"))
        #expect(try ModelLoader.parse(rewritten, file: "m.yaml").traffic.growth.volatility > 0)
    }

    @Test("a bare peak_factor number becomes a {mean, sd} mapping")
    func barePeakFactor() throws {
        let text = Self.text.replacingOccurrences(of: "peak_factor: {mean: 1.8, sd: 0.2}", with: "peak_factor: 1.8")
        let model = try ModelLoader.parse(text, file: "m.yaml")
        let result = try Self.result()
        let rewritten = try ModelRewriter.rewrite(text, file: "m.yaml", result: result, date: "2026-11-27")
        let peak = try #require(result.fits.first { $0.name == "peak_factor" })
        let line = try #require(rewritten.components(separatedBy: "\n").first { $0.hasPrefix("  peak_factor: ") })
        #expect(line.hasPrefix("  peak_factor: {mean: \(ModelRewriter.format(peak.values[0], like: nil)), sd: \(ModelRewriter.format(peak.values[1], like: nil))}"))
        #expect(try ModelLoader.parse(rewritten, file: "m.yaml").traffic.peakFactor.sd > 0 && model.traffic.peakFactor.sd == 0)
    }

    @Test("the loader accepts a calibration: section and checks its keys, located")
    func loaderChecksSection() throws {
        let good = Self.text + "\ncalibration:\n  date: 2026-11-27\n  sources: [\"h.csv\"]\n  months: {first: 2025-12, last: 2026-11}\n"
            + "  fits:\n    - {name: growth, source: h.csv, n: 11, values: [{key: traffic.growth.mean, value: 0.2, se: 0.01, previous: 0.2}]}\n"
        _ = try ModelLoader.parse(good, file: "m.yaml")
        let lines = good.components(separatedBy: "\n").count
        let bad = good.replacingOccurrences(of: "months: {first: 2025-12, last: 2026-11}", with: "month: {first: 2025-12, last: 2026-13}")
        #expect(throws: ModelError.self) { try ModelLoader.parse(bad, file: "m.yaml") }
        do { _ = try ModelLoader.parse(bad, file: "m.yaml") } catch let error as ModelError {
            #expect(error.diagnostics.map(\.description) == ["m.yaml:\(lines - 3):3: unknown key `month` in calibration; did you mean `months`?"])
        }
    }

    @Test("values are rounded at the standard error's second digit, in the file's own form")
    func formatting() {
        #expect(ModelRewriter.format(CalibratedValue(key: "k", previous: 0.2, value: 0.21347, standardError: 0.0123), like: "20%") == "21.3%")
        #expect(ModelRewriter.format(CalibratedValue(key: "k", previous: 0, value: 1783.75, standardError: 70.2), like: "1000") == "1784")
        #expect(ModelRewriter.format(CalibratedValue(key: "k", previous: 0, value: 0.80123, standardError: nil), like: nil) == "0.8012")
        #expect(ModelRewriter.format(CalibratedValue(key: "k", previous: 0, value: 0.05, standardError: 0.004), like: "\"5%\"") == "\"5%\"")
    }

    static func number(at key: String, in model: Model) -> Double? {
        switch key {
        case "traffic.growth.mean": return model.traffic.growth.mean
        case "traffic.growth.sd": return model.traffic.growth.sd
        case "traffic.growth.volatility": return model.traffic.growth.volatility
        case "traffic.peak_factor.mean": return model.traffic.peakFactor.mean
        case "traffic.peak_factor.sd": return model.traffic.peakFactor.sd
        default:
            guard key.hasPrefix("services["), let close = key.firstIndex(of: "]"),
                  let index = Int(key[key.index(key.startIndex, offsetBy: 9)..<close]) else { return nil }
            let memory = model.services[index].memory
            switch key[key.index(after: close)...] {
            case ".memory.base_mb": return memory.baseMB
            case ".memory.per_rps_mb": return memory.perRPSMB
            case ".memory.per_connection_mb": return memory.perConnectionMB
            case ".memory.noise": return memory.noise
            default: return nil
            }
        }
    }
}
