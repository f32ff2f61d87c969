import Foundation
import Testing
import CapacityTestSupport

/// `capacity timeline`, run as a user runs it.
@Suite struct TimelineCommandTests {
    let capacity = CommandRunner()

    @Test("CSV: one row per month with the contract's columns; the plan's actions are dated")
    func csv() throws {
        let outcome = try capacity.run(["timeline", "--paths", "2000", "--format", "csv"])
        #expect(outcome.status == 0 && outcome.standardError.isEmpty)
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 25)
        #expect(lines.first.map(String.init) == "month,date,event,option,nodes,memory_mb,memory_p90_pct,p_oom,cost_per_month,cumulative_cost,"
            + "resource,plan_by,act_by,p_fail_max,p_fail_max_resource")
        #expect(lines[1].hasPrefix("1,2026-12-01,"))
        #expect(lines.contains { $0.contains(",apply,") })
        #expect(!outcome.standardOutput.contains("nan") && !outcome.standardOutput.contains("inf"))
    }

    @Test("the same seed gives byte-identical JSON on 1 and 2 threads")
    func threads() throws {
        let one = try capacity.run(["timeline", "--months", "12", "--paths", "3000", "--format", "json", "--threads", "1"])
        let two = try capacity.run(["timeline", "--months", "12", "--paths", "3000", "--format", "json", "--threads", "2"])
        #expect(one.status == 0 && one.standardOutput == two.standardOutput)
        #expect(one.standardOutput.contains("\"strategy\" : \"cheapest\""))
    }

    @Test("the table names each action, its dates and cost; fewest-changes is accepted; bad options are usage errors")
    func tableAndOptions() throws {
        let table = try capacity.run(["timeline", "--months", "12", "--paths", "2000"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("First action: "))
        #expect(table.standardOutput.contains("Plan (cheapest)"))
        let fewest = try capacity.run(["timeline", "--months", "12", "--paths", "2000", "--strategy", "fewest-changes"])
        #expect(fewest.status == 0 && fewest.standardOutput.contains("Plan (fewest-changes)"))
        let confidence = try capacity.run(["timeline", "--confidence", "1.5"])
        #expect(confidence.status == 64 && confidence.standardError.contains("--confidence must be in [0.5, 1), e.g. 0.9; got 1.5"))
        let strategy = try capacity.run(["timeline", "--strategy", "random"])
        #expect(strategy.status == 64)
    }

    @Test("capacity forecast's table ends with the plan's first action")
    func forecastEndsWithAction() throws {
        let outcome = try capacity.run(["forecast", "--months", "6", "--paths", "2000"])
        #expect(outcome.status == 0)
        let last = outcome.standardOutput.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("Next action: ") && last.hasSuffix("The whole plan: `capacity timeline`."))
    }
}
