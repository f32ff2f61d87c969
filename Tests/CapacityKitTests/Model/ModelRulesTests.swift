import Foundation
import Testing
@testable import CapacityKit

/// A small valid model for the rules of issue "one verdict from every failure mode".
private let stack = """
version: 1
name: rules
start: 2026-12
host: {memory_mb: 4000, reserved_mb: 500}
traffic:
  rps: 100
  growth: {mean: 20%, sd: 5%, volatility: 3%}
services:
  - name: api
    memory: {base_mb: 250, per_rps_mb: 1.2}
    limit_mb: 500
  - name: postgres
    memory: {base_mb: 400, per_connection_mb: 8}
    limit_mb: 800
pools:
  - {name: pg, service: postgres, size: 16, max_connections: 50, hold_ms: 70}

"""

private func validate(_ old: String, _ new: String, today: YearMonth? = nil) throws -> ValidatedModel {
    precondition(stack.contains(old), "test setup: \(old) is not in the model")
    return try ModelLoader.validate(stack.replacingOccurrences(of: old, with: new), file: "stack.yaml", today: today)
}

private func errors(_ old: String, _ new: String) -> [String] {
    do {
        _ = try validate(old, new)
        return []
    } catch let error as ModelError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

@Suite struct ModelRulesTests {
    @Test("base_mb at or above limit_mb: the container cannot start — an error at limit_mb")
    func baseAboveLimit() {
        #expect(errors("base_mb: 250, per_rps_mb: 1.2}", "base_mb: 620, per_rps_mb: 1.2}") == [
            "stack.yaml:11:15: services[0].limit_mb must be > memory.base_mb (620); got 500: `api` needs more than its "
                + "limit before it serves a request, so the container cannot start; raise limit_mb above 620 MB, or correct base_mb",
        ])
        #expect(errors("base_mb: 250, per_rps_mb: 1.2}", "base_mb: 500, per_rps_mb: 1.2}").count == 1)
    }

    @Test("a growth rate above 1 written without % is an error with the % hint", arguments: [
        ("mean: 20%", "mean: 20", "stack.yaml:7:18: traffic.growth.mean reads as 2000 %/month (a fraction); got 20; did you mean `20%`? (a rate is a fraction, 0.2, or a percentage, \"20%\")"),
        ("sd: 5%", "sd: 5", "stack.yaml:7:27: traffic.growth.sd reads as 500 %/month (a fraction); got 5; did you mean `5%`? (a rate is a fraction, 0.2, or a percentage, \"20%\")"),
        ("volatility: 3%", "volatility: 3", "stack.yaml:7:43: traffic.growth.volatility reads as 300 %/month (a fraction); got 3; did you mean `3%`? (a rate is a fraction, 0.2, or a percentage, \"20%\")"),
    ])
    func growthWithoutPercent(old: String, new: String, message: String) throws {
        #expect(errors(old, new) == [message])
        // Written with %, the same figure reads as intended.
        #expect(throws: Never.self) { try validate(old, new + "%") }
    }

    @Test("a connection budget the server cannot give is a warning, not an error")
    func connectionBudget() throws {
        let model = try validate("size: 16,", "size: 30, instances_per_node: 4,")
        let warnings = model.findings.filter { $0.severity == .warning }
        #expect(warnings.map(\.description) == [
            "stack.yaml:16:41: warning: pools[0] asks for 1 node × 4 instances × 30 connections = 120, more than the server "
                + "accepts (max_connections 50 − reserved 3 = 47): the forecast counts 47 connections and reports the pool "
                + "failing whenever offered load reaches them; at most 11 per instance fits, or raise max_connections",
        ])
        #expect(model.model.pools[0].connectionCapacity(nodes: 1) == 47)
    }

    @Test("container limits above the host's usable memory: an overcommit warning")
    func overcommittedHost() throws {
        let model = try validate("limit_mb: 800", "limit_mb: 3200")
        #expect(model.findings.map(\.description) == [
            "stack.yaml:9:3: warning: the services' limit_mb add up to 3700 MB, more than the 3500 MB usable per node: "
                + "the host is overcommitted; the host can run out of memory before any container reaches its limit; "
                + "the forecast's host resource shows when",
        ])
    }

    @Test("a start month before today is a note and the model is forecast from today; today is an input, never the clock")
    func startInThePast() throws {
        let model = try validate("start: 2026-12", "start: 2026-01", today: YearMonth(year: 2026, month: 11))
        #expect(model.findings.map(\.description) == [
            "stack.yaml:3:8: note: start 2026-01 is 10 months before the current month 2026-11: forecasts begin at 2026-11 "
                + "and the 10 months from 2026-01 to 2026-10 are simulated (growth and its uncertainty) but not shown; "
                + "inputs from 2026-01, 10 months old: recalibrate (capacity calibrate) or give --start",
        ])
        #expect(model.model.start == YearMonth(year: 2026, month: 11) && model.model.elapsedMonths == 10)
        #expect(try validate("start: 2026-12", "start: 2026-11", today: YearMonth(year: 2026, month: 11)).findings.isEmpty)
        #expect(try validate("start: 2026-12", "start: 2026-01", today: nil).findings.isEmpty)
        let moved = model.starting(at: YearMonth(year: 2026, month: 11), today: YearMonth(year: 2026, month: 11))
        #expect(moved.findings.isEmpty && moved.model.start == YearMonth(year: 2026, month: 11) && moved.model.elapsedMonths == 0)
    }

    @Test("per-resource thresholds and the risk level are read, checked and default to the model's")
    func thresholds() throws {
        let model = try validate("    limit_mb: 500\n", "    limit_mb: 500\n    thresholds: {warn: 80%, critical: 90%}\n")
        #expect(model.model.services[0].thresholds == Model.Levels(warn: 0.8, critical: 0.9))
        #expect(model.model.services[1].thresholds == nil && model.model.thresholds.risk == 0.01)
        let risky = try validate("host: {", "thresholds: {warn: 0.7, critical: 0.8, risk: 5%}\nhost: {")
        #expect(risky.model.thresholds == Model.Thresholds(warn: 0.7, critical: 0.8, risk: 0.05))
        #expect(errors("    limit_mb: 500\n", "    limit_mb: 500\n    thresholds: {warn: 95%, critical: 90%}\n") == [
            "stack.yaml:12:24: services[0].thresholds.warn must be < services[0].thresholds.critical (0.9); got 0.95; "
                + "for example {warn: 0.75, critical: 0.85}",
        ])
    }

    @Test("a model built in code passes the same rules as a file, named by key path")
    func modelBuiltInCode() throws {
        var model = try ModelLoader.parse(stack, file: "stack.yaml")
        model.services[0].limitMB = 200
        #expect(throws: ModelError.self) { try ValidatedModel(model) }
        do {
            _ = try ValidatedModel(model)
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "model `rules`: services[0].limit_mb must be > memory.base_mb (250); got 200: `api` needs more than its "
                    + "limit before it serves a request, so the container cannot start; raise limit_mb above 250 MB, or correct base_mb",
            ])
        }
        model.services[0].limitMB = 600
        #expect(try ValidatedModel(model).model == model)
    }
}
