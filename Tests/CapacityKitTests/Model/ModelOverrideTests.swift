import Foundation
import Testing
@testable import CapacityKit

/// A small valid model with a list item whose name holds a space and one that holds a dot.
private let text = """
version: 1
name: override test
start: 2026-12
host: {memory_mb: 4000, reserved_mb: 500}
traffic:
  rps: 100
  growth: {mean: 20%, sd: 5%}
  peak_factor: 1.8
services:
  - name: api
    memory: {base_mb: 250, per_rps_mb: 1.2}
    limit_mb: 500
  - name: api.v2
    memory: {base_mb: 100}
  - name: postgres
    memory: {base_mb: 400, per_connection_mb: 8}
pools:
  - {name: pg, service: postgres, size: 16, max_connections: 50, hold_ms: 70}
deployment:
  stages:
    - {name: docker build, failure_rate: 4%}

"""

private func load(_ overrides: [String], _ model: String = text) throws -> ValidatedModel {
    try ModelLoader.validate(model, file: "m.yaml", today: nil, overrides: overrides.map { try ModelOverride(parsing: $0) })
}

/// The ModelError of loading with `overrides`, or nil.
private func modelError(_ overrides: [String], _ model: String = text) -> ModelError? {
    do {
        _ = try load(overrides, model)
        return nil
    } catch let error as ModelError {
        return error
    } catch {
        Issue.record("unexpected \(error)")
        return nil
    }
}

private func overrideError(_ overrides: [String]) -> ModelOverrideError? {
    do {
        _ = try load(overrides)
        return nil
    } catch let error as ModelOverrideError {
        return error
    } catch {
        Issue.record("unexpected \(error)")
        return nil
    }
}

@Suite struct ModelOverrideTests {
    @Test("KEY=VALUE: the key is what comes before the first `=`; the value may hold `=`")
    func parsing() throws {
        let override = try ModelOverride(parsing: "name=a=b")
        #expect(override.keyPath == "name" && override.value == "a=b")
        #expect(throws: ModelOverrideError.self) { try ModelOverride(parsing: "host.nodes") }
        #expect(throws: ModelOverrideError.self) { try ModelOverride(parsing: "=2") }
        #expect(throws: ModelOverrideError.self) { try ModelOverride(parsing: "host.nodes= ") }
    }

    @Test("key paths: mapping keys, list items by name (spaces, dots) and by [index]")
    func steps() {
        #expect(OverrideTree.steps("services.api.limit_mb") == [.key("services"), .key("api"), .key("limit_mb")])
        #expect(OverrideTree.steps("services[2].limit_mb") == [.key("services"), .index(2), .key("limit_mb")])
        #expect(OverrideTree.steps("a..b") == nil)
        #expect(OverrideTree.steps("services[x]") == nil)
    }

    @Test("a scalar, a percentage, a list item by name (with a space, with a dot) and by index")
    func everyKind() throws {
        let validated = try load(["host.nodes=2", "traffic.growth.mean=30%", "services.api.limit_mb=800",
                                  "services.api.v2.limit_mb=300", "deployment.stages.docker build.failure_rate=1%",
                                  "services[2].memory.noise=0.1"])
        let model = validated.model
        #expect(model.host.nodes == 2)
        #expect(model.traffic.growth.mean == 0.3)
        #expect(model.services[0].limitMB == 800)
        #expect(model.services[1].limitMB == 300, "`api.v2` is matched whole, not as api → v2")
        #expect(model.services[2].memory.noise == 0.1)
        guard case .rate(let rate) = model.deployment?.stages[0].failure else { Issue.record("a rate"); return }
        #expect(rate == 0.01)
        #expect(validated.overrides.map(\.previous) == [nil, "20%", "500", nil, "4%", nil],
                "the file's value when it writes one (nodes defaults to 1 but the file does not give it)")
    }

    @Test("a key the file does not give is added, and a mapping value replaces a scalar")
    func addedKeys() throws {
        let model = try load(["thresholds.risk=2%", "traffic.peak_factor={mean: 2, sd: 0.3}", "host.nodes=3"]).model
        #expect(model.thresholds.risk == 0.02 && model.thresholds.warn == 0.75)
        #expect(model.traffic.peakFactor == Model.MeanAndSD(mean: 2, sd: 0.3))
        #expect(model.host.nodes == 3)
    }

    @Test("a key path that leads nowhere: a ModelOverrideError naming the flag, with a did-you-mean")
    func badPaths() throws {
        #expect(overrideError(["services.apii.limit_mb=800"])?.description
            == "--set services.apii.limit_mb=800: `services` has no item named `apii`; did you mean `api`?")
        #expect(overrideError(["services[7].limit_mb=800"])?.description
            == "--set services[7].limit_mb=800: `services` has 3 items; got [7]; items are numbered from 0")
        #expect(overrideError(["traffic.peak_factor.sd=0.3"])?.description
            == "--set traffic.peak_factor.sd=0.3: `traffic.peak_factor` is a single value (1.8), not a mapping or a list; "
                + "set the whole value at `traffic.peak_factor`")
        #expect(overrideError(["scenarios.x.host.nodes=2"])?.message.contains("cannot change `scenarios`") == true)
        #expect(overrideError(["services.api.name=web"])?.message.contains("cannot rename a list item") == true)
        #expect(try load(["name=what if"]).model.name == "what if", "the model's own name is a plain value")
        #expect(overrideError(["host.nodes=[1"])?.message.hasPrefix("--set host.nodes=[1: the value is not YAML") == true)
    }

    @Test("unknown keys, out-of-range values and a percentage taken for a fraction: located at the flag, from the command line")
    func refusedValues() throws {
        let unknown = try #require(modelError(["services.api.limit_mbb=800"]))
        #expect(unknown.fromCommandLine)
        #expect(unknown.description
            == "--set services.api.limit_mbb=800: unknown key `limit_mbb` in services[0]; did you mean `limit_mb`?")
        let section = try #require(modelError(["trafic.growth.mean=30%"]))
        #expect(section.description == "--set trafic.growth.mean=30%: unknown key `trafic` in the model; did you mean `traffic`?")
        let negative = try #require(modelError(["services.api.limit_mb=-3"]))
        #expect(negative.description == "--set services.api.limit_mb=-3: services[0].limit_mb must be > 0 MB and ≤ 10,000,000 MB; got -3")
        let nodes = try #require(modelError(["host.nodes=1001"]))
        #expect(nodes.description == "--set host.nodes=1001: host.nodes must be ≥ 1 and ≤ 1,000; got 1001")
        let fraction = try #require(modelError(["traffic.growth.mean=30"]))
        #expect(fraction.description.hasPrefix("--set traffic.growth.mean=30: traffic.growth.mean reads as 3000 %/month"))
    }

    @Test("a rule across keys broken by an override is located at the flags, with the file's place")
    func crossField() throws {
        let error = try #require(modelError(["services.api.memory.base_mb=600"]))
        #expect(error.fromCommandLine)
        #expect(error.diagnostics.count == 1)
        let message = error.diagnostics[0].description
        #expect(message.hasPrefix("--set services.api.memory.base_mb=600: services[0].limit_mb must be > memory.base_mb (600); got 500"))
        #expect(message.contains("(m.yaml:12:15)"), "the limit's place in the file: \(message)")
    }

    @Test("a file that is itself invalid stays the file's problem (exit 65), overrides or not")
    func fileErrors() throws {
        let broken = text.replacingOccurrences(of: "limit_mb: 500", with: "limit_mb: -1")
        let error = try #require(modelError(["host.nodes=2"], broken))
        #expect(!error.fromCommandLine)
        #expect(error.description.hasPrefix("m.yaml:12:15: services[0].limit_mb"))
    }

    @Test("no overrides: the model and its findings exactly as without the feature")
    func identity() throws {
        let plain = try ModelLoader.validate(text, file: "m.yaml", today: nil)
        #expect(plain.overrides.isEmpty)
        #expect(try load([]).model == plain.model)
        #expect(try load(["host.memory_mb=4000"]).model == plain.model, "an override with the file's value changes nothing")
    }
}

@Suite struct ModelScenarioTests {
    private let scenarios = text + """
        scenarios:
          fast growth: {traffic.growth.mean: 30%}
          bigger api:
            services.api.limit_mb: 800
            host.memory_mb: 8000

        """

    @Test("each scenario is the model with its overrides on top; the declarations keep file order")
    func resolved() throws {
        let validated = try ModelLoader.validate(scenarios, file: "m.yaml", today: nil)
        #expect(validated.model.scenarios.map(\.name) == ["fast growth", "bigger api"])
        #expect(validated.model.scenarios[1].overrides.map(\.description) == ["services.api.limit_mb=800", "host.memory_mb=8000"])
        let fast = try #require(validated.scenario(named: "fast growth"))
        #expect(fast.model.model.traffic.growth.mean == 0.3)
        #expect(fast.model.model.services[0].limitMB == 500)
        let bigger = try #require(validated.scenario(named: "bigger api"))
        #expect(bigger.model.model.services[0].limitMB == 800 && bigger.model.model.host.memoryMB == 8000)
        #expect(bigger.overrides.map(\.previous) == ["500", "4000"])
        #expect(bigger.model.scenarios.isEmpty)
    }

    @Test("--set changes the base and every scenario; a scenario's own value wins for its key")
    func withSetFlags() throws {
        let validated = try ModelLoader.validate(scenarios, file: "m.yaml", today: nil,
                                                 overrides: [ModelOverride(keyPath: "traffic.growth.mean", value: "10%"),
                                                             ModelOverride(keyPath: "host.nodes", value: "2")])
        #expect(validated.model.traffic.growth.mean == 0.1)
        let fast = try #require(validated.scenario(named: "fast growth"))
        #expect(fast.model.model.traffic.growth.mean == 0.3 && fast.model.model.host.nodes == 2)
        #expect(fast.model.overrides.map(\.description) == ["traffic.growth.mean=10%", "host.nodes=2", "traffic.growth.mean=30%"])
        #expect(fast.overrides.map(\.description) == ["traffic.growth.mean=30%"])
    }

    @Test("a scenario's bad entries are located at the entry (or its name), each saying which scenario")
    func located() throws {
        let bad = text + """
            scenarios:
              low: {services.api.limit_mb: 100}
              typo: {traffic.growth.meen: 3%}
              lost: {services.apii.limit_mb: 800}
              tall: {services.api.memory.base_mb: 9000}

            """
        let error = try #require(modelError([], bad))
        #expect(!error.fromCommandLine)
        let lines = error.diagnostics.map(\.description)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("m.yaml:23:32: scenario `low`: services[0].limit_mb must be > memory.base_mb (250); got 100"))
        #expect(lines[1] == "m.yaml:24:10: scenario `typo`: unknown key `meen` in traffic.growth; did you mean `mean`?")
        #expect(lines[2] == "m.yaml:25:10: scenario `lost`: `services` has no item named `apii`; did you mean `api`?")
        #expect(lines[3].hasPrefix("m.yaml:26:3: scenario `tall`: services[0].limit_mb must be > memory.base_mb (9000)"),
                "a rule on a key the scenario does not set is located at the scenario's name: \(lines[3])")
    }

    @Test("the section's shape: names unique as columns, not `base`, a non-empty mapping each")
    func shape() throws {
        let bad = text + """
            scenarios:
              base: {host.nodes: 2}
              two nodes: {host.nodes: 2}
              Two Nodes: {host.nodes: 3}
              nothing: {}

            """
        let lines = try #require(modelError([], bad)).diagnostics.map(\.description)
        #expect(lines == [
            "m.yaml:23:3: scenario name `base` is the model as it is; choose another name",
            "m.yaml:25:3: scenario `Two Nodes` gives the same column name `two_nodes` as `two nodes`; CSV columns and JSON keys use lowercase letters, digits and `_`; rename one of them",
            "m.yaml:26:12: scenarios.nothing must be a mapping of key paths to values; got an empty one; for example `nothing: {traffic.growth.mean: 30%}`",
        ])
    }

    @Test("the default model carries its scenarios, and each is valid")
    func defaultModel() throws {
        let validated = try DefaultModel.validate(today: nil)
        #expect(validated.scenarios.map(\.name) == ["growth 30 %", "api at 800 MB", "second node"])
        #expect(validated.scenarios.map { $0.model.model.host.nodes } == [1, 1, 2])
    }
}
