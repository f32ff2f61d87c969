import Foundation
import Testing
@testable import CapacityKit

@Suite struct SLAWriterTests {
    static func writer(_ model: Model.Availability, paths: Int = 50, years: Int = 2) -> SLAWriter {
        SLAWriter(modelName: "test", analysis: AvailabilityAnalysis(Validated(checked: model)),
                  simulation: OutageSimulation(Validated(checked: model), options: .init(years: years, paths: paths, seed: 3)))
    }

    @Test("availabilities show the unavailability to four significant digits, trailing zeros dropped")
    func availabilityText() {
        // Seed 000: 0.999 · 0.9995² = 0.99800124975, U = 0.00199875025 → 99.8001 %.
        let seed = 0.999 * 0.9995 * 0.9995
        #expect(SLAWriter.availability(seed, unavailability: 1 - seed) == "99.8001%")
        #expect(SLAWriter.availability(0.999, unavailability: 0.001) == "99.9%")
        #expect(SLAWriter.availability(0.9995, unavailability: 0.0005) == "99.95%")
        #expect(SLAWriter.availability(0.5, unavailability: 0.5) == "50%")
        #expect(SLAWriter.availability(1, unavailability: 0) == "100%")
        #expect(SLAWriter.availability(0, unavailability: 1) == "0%")
        #expect(SLAWriter.availability(1, unavailability: 1e-18) == "≈100%")
    }

    @Test("durations are said once, with their unit: h and min from an hour, minutes, then seconds")
    func durationText() {
        // 0.00199875025 × 525,600 min = 1,050.54 min = 17 h 31 min; 99.9 % per 30 days is 43.2 min.
        #expect(SLAWriter.duration(1_050.5431314) == "17 h 31 min")
        // Issue 25: 13,500 min printed "225.00 h (225 h 0 min)"; a whole number of hours is just that.
        #expect(SLAWriter.duration(13_500) == "225 h")
        #expect(SLAWriter.duration(525_600) == "8,760 h")          // a year
        #expect(SLAWriter.duration(59.7) == "1 h")                 // rounds to the minute: not "59.7 min" then "1 h"
        #expect(SLAWriter.duration(59.4) == "59.4 min")
        #expect(SLAWriter.duration(61) == "1 h 1 min")
        #expect(SLAWriter.duration(43.2) == "43.2 min")
        #expect(SLAWriter.duration(30) == "30 min")
        #expect(SLAWriter.duration(0.5) == "30 s")
        #expect(SLAWriter.duration(0) == "0 min")
        #expect(SLAWriter.duration(.nan) == "—")
        #expect(SLAWriter.nines(3) == "3.00" && SLAWriter.nines(nil) == "no downtime")
        #expect(SLAWriter.nines(.infinity) == "no downtime")
    }

    /// The cell of `column` in the CSV's last (system) row.
    static func systemCell(_ csv: String, _ column: String) throws -> String {
        let system = try #require(csv.split(separator: "\n").last)
        let index = try #require(SLAWriter.csvHeader.firstIndex(of: column))
        return String(system.split(separator: ",", omittingEmptySubsequences: false)[index])
    }

    /// No `∞`, `inf` or `nan` in any format (issue 13).
    static func expectFinite(_ writer: SLAWriter, sourceLocation: SourceLocation = #_sourceLocation) {
        for format in OutputFormat.allCases {
            let text = writer.render(format).lowercased()
            #expect(!text.contains("∞") && !text.contains("inf") && !text.contains("nan"), "\(format)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("a system that never fails: \"no downtime\" for its nines in the table, null in JSON, an empty CSV cell; no ∞ anywhere")
    func neverFails() throws {
        let writer = Self.writer(Model.Availability(target: 0.999, components: [
            Model.Component(name: "static", reliability: .availability(1)),
        ]))
        #expect(writer.table.contains("Combined availability: 100% (A = 1.000000000, no downtime)"))
        #expect(writer.table.contains("No downtime in any of the 100 simulated years, as the exact figure says: "
                                      + "nothing on the critical path can take the system down."))
        let row = try #require(writer.table.split(separator: "\n").first { $0.hasPrefix("static ") })
        #expect(row.contains("no downtime"))
        #expect(writer.markdown.contains("| no downtime |"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        #expect(object["nines"] is NSNull)
        #expect(object["availability"] as? Double == 1 && object["meets_target"] as? Bool == true)
        #expect(object["simulated_availability_lower_bound"] as? Double == 0.97)
        #expect(try Self.systemCell(writer.csv, "nines") == "")
        #expect(try Self.systemCell(writer.csv, "simulated_availability_lower_bound") == "0.97")
        Self.expectFinite(writer)
    }

    @Test("no downtime simulated for a system that can fail: the rule of three bounds it, 1 − 3/N")
    func noDowntimeSimulated() throws {
        // Two replicas of MTBF 10⁷ h and MTTR 1 min, 1 of 2 needed: q = 1/(6·10⁸ + 1) ≈ 1.7e-9,
        // U = q² ≈ 2.8e-18 (17.6 nines); 50 paths × 2 years never see both down. 3/100 → A ≥ 97%.
        let writer = Self.writer(Model.Availability(target: 0.999, components: [
            Model.Component(name: "pair", reliability: .failureAndRepair(mtbfHours: 1e7, mttrMinutes: 1),
                            replicas: 2, required: 1),
        ]))
        #expect(writer.simulation.availabilityLowerBound == 0.97)
        #expect(writer.table.contains("No downtime in any of the 100 simulated years: availability ≥ 97% at 95 % "
                                      + "confidence (rule of three: a year has downtime with probability ≤ 3/100); exact: ≈100%."))
        #expect(writer.table.contains("17.55") || writer.table.contains("17.56"))
        #expect(try Self.systemCell(writer.csv, "simulated_availability_lower_bound") == "0.97")
        Self.expectFinite(writer)
        // With downtime in some year there is no bound: the mean and its SE say more.
        let failing = Self.writer(Model.Availability(target: 0.99, components: [
            Model.Component(name: "db", reliability: .failureAndRepair(mtbfHours: 100, mttrMinutes: 60)),
        ]))
        #expect(failing.simulation.availabilityLowerBound == nil)
        #expect(try Self.systemCell(failing.csv, "simulated_availability_lower_bound") == "")
        #expect(!failing.table.contains("rule of three"))
    }

    @Test("one path: standard errors are unknown — null in JSON, a dash in the table")
    func singlePath() throws {
        let writer = Self.writer(Model.Availability(target: 0.99, components: [
            Model.Component(name: "db", reliability: .failureAndRepair(mtbfHours: 100, mttrMinutes: 60)),
        ]), paths: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        #expect(object["p_meet_target_se"] is NSNull && object["mean_downtime_minutes_per_year_simulated_se"] is NSNull)
        #expect(writer.table.contains("  —  "))
    }

    @Test("a 100 % target has no error budget: budget used is null, the table says so")
    func fullTarget() throws {
        let writer = Self.writer(Model.Availability(target: 1, components: [
            Model.Component(name: "db", reliability: .availability(0.999)),
        ]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        #expect(object["error_budget_used"] is NSNull && object["meets_target"] as? Bool == false)
        #expect(writer.table.contains("Error budget per 30 days: none (a 100% target allows no downtime)"))
    }

    @Test("what-if: ranked by the system availability one more replica buys; off-path components are left out")
    func ranking() {
        // U: api 0.01 (1 replica), db 0.001, cache 0.01 but 1-of-2 already (1e-4 → 1e-6 with a third).
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(0.999)),
            Model.Component(name: "cache", reliability: .availability(0.99), replicas: 2),
            Model.Component(name: "monitoring", reliability: .availability(0.9), criticalPath: false),
            Model.Component(name: "api", reliability: .availability(0.99)),
        ])))
        #expect(analysis.oneMoreReplicaRanking.map(\.name) == ["api", "db", "cache"])
    }

    @Test("CSV: every row has every column; names with commas are quoted; the system row is last")
    func csvShape() {
        let writer = Self.writer(Model.Availability(target: 0.999, components: [
            Model.Component(name: "db, primary", reliability: .availability(0.999), replicas: 2, failoverSuccessRate: 0.9),
            Model.Component(name: "monitoring", reliability: .availability(0.99), criticalPath: false),
        ]))
        let lines = writer.csv.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == SLAWriter.csvHeader.joined(separator: ","))
        #expect(lines[1].hasPrefix("\"db, primary\",true,2,1,0.9,"))
        #expect(lines[3].hasPrefix("system,"))
        // Unquoted rows split cleanly into the header's column count.
        for line in [lines[2], lines[3]] {
            #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == SLAWriter.csvHeader.count)
        }
    }

    @Test("Markdown carries the table's content")
    func markdown() {
        let writer = Self.writer(Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(0.999)),
            Model.Component(name: "api", reliability: .availability(0.9995)),
        ]))
        let markdown = writer.markdown
        #expect(markdown.hasPrefix("## Availability (SLA): test\n"))
        #expect(markdown.contains("| year (365 days) |") && markdown.contains("| 30 days |"))
        #expect(markdown.contains("| db |") && markdown.contains(writer.verdict))
    }
}

/// Issue #13: rounding never flips a verdict; no `inf` in CSV.
@Suite struct SLAVerdictRoundingTests {
    @Test("99.899975 % against 99.9 %: printed with the digits that show it fails (99.89997%, below 99.9)")
    func failingFigureLooksFailing() {
        // Four significant digits of the unavailability (0.100025 %) would print 99.9%.
        #expect(SLAWriter.availability(0.99899975, unavailability: 0.00100025) == "99.9%")
        #expect(SLAWriter.availability(0.99899975, unavailability: 0.00100025, target: 0.999, meetsTarget: false)
                == "99.89997%")
        // A figure that meets its target keeps its short form.
        #expect(SLAWriter.availability(0.9995, unavailability: 0.0005, target: 0.999, meetsTarget: true) == "99.95%")
    }

    @Test("the table of a component just short of its target says so in digits", .timeLimit(.minutes(1)))
    func endToEnd() throws {
        let section = Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(0.99899975))])
        let analysis = AvailabilityAnalysis(Validated(checked: section))
        #expect(!analysis.meetsTarget)
        let simulation = OutageSimulation(Validated(checked: section), options: .init(years: 1, paths: 10))
        let table = SLAWriter(modelName: "m", analysis: analysis, simulation: simulation).table
        #expect(table.contains("Combined availability: 99.89997%"))
        #expect(table.contains("Verdict: target 99.9% NOT MET — expected availability 99.89997%"))
    }

    @Test("a component that never fails has an empty nines cell, not inf")
    func noInfinityInCSV() {
        let section = Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(1))])
        let csv = SLAWriter(modelName: "m", analysis: AvailabilityAnalysis(Validated(checked: section)),
                            simulation: OutageSimulation(Validated(checked: section), options: .init(years: 1, paths: 2))).csv
        #expect(!csv.contains("inf") && !csv.contains("nan"))
    }
}
