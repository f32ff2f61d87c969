import Foundation
import Testing
import CapacityTestSupport

/// `capacity timeline`, run as a user runs it.
@Suite struct TimelineCommandTests {
    let capacity = CommandRunner()

    @Test("CSV: a row per month with the provision in force, a row per change; one value per cell")
    func csv() throws {
        let outcome = try capacity.run(["timeline", "--paths", "2000", "--format", "csv"])
        #expect(outcome.status == 0 && outcome.standardError.isEmpty)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "row,month,date,nodes,memory_mb,api_limit_mb,postgres_limit_mb,redis_limit_mb,prometheus_limit_mb,"
            + "grafana_limit_mb,postgres_size,memory_p90_pct,p_oom,p_fail_max,p_fail_max_resource,cost_per_month,cumulative_cost,"
            + "step,kind,change,option,resource,plan_by,act_by,deadline,added_cost_per_month,why")
        let months = lines.filter { $0.hasPrefix("month,") }
        #expect(months.count == 24)
        #expect(months.first?.hasPrefix("month,1,2026-12-01,1,4000,") == true)
        let actions = lines.filter { $0.hasPrefix("action,") }
        #expect(!actions.isEmpty && actions.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= 27 })
        // Month rows and action rows interleave in month order; no cell joins values with ';'.
        #expect(!outcome.standardOutput.contains(";"))
        #expect(!outcome.standardOutput.contains("nan") && !outcome.standardOutput.contains("inf"))
    }

    @Test("the same seed gives byte-identical JSON on 1 and 2 threads")
    func threads() throws {
        let one = try capacity.run(["timeline", "--months", "12", "--paths", "3000", "--format", "json", "--threads", "1"])
        let two = try capacity.run(["timeline", "--months", "12", "--paths", "3000", "--format", "json", "--threads", "2"])
        #expect(one.status == 0 && one.standardOutput == two.standardOutput)
        #expect(one.standardOutput.contains("\"strategy\" : \"cheapest\""))
        #expect(one.standardOutput.contains("\"review_months\" : 3"))
    }

    @Test("the table: the plan, why, what the options cannot hold; fewest-changes and --review-every; bad options are usage errors")
    func tableAndOptions() throws {
        let table = try capacity.run(["timeline", "--months", "12", "--paths", "2000"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("First action: "))
        #expect(table.standardOutput.contains("Plan (cheapest, review every 3 months)"))
        #expect(table.standardOutput.contains("Why each change:"))
        let fewest = try capacity.run(["timeline", "--months", "12", "--paths", "2000", "--strategy", "fewest-changes",
                                       "--review-every", "6"])
        #expect(fewest.status == 0 && fewest.standardOutput.contains("Plan (fewest-changes, review every 6 months)"))
        let confidence = try capacity.run(["timeline", "--confidence", "1.5"])
        #expect(confidence.status == 64 && confidence.standardError.contains("--confidence must be in [0.5, 1), e.g. 0.9; got 1.5"))
        let review = try capacity.run(["timeline", "--review-every", "0"])
        #expect(review.status == 64 && review.standardError.contains("--review-every must be 1–12 months; got 0"))
        let strategy = try capacity.run(["timeline", "--strategy", "random"])
        #expect(strategy.status == 64)
    }

    @Test("capacity forecast's table ends with the plan's first action")
    func forecastEndsWithAction() throws {
        let outcome = try capacity.run(["forecast", "--months", "6", "--paths", "2000"])
        #expect(outcome.status == 0)
        let last = outcome.standardOutput.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("Next action: ") && last.hasSuffix("The whole plan: `capacity timeline`."))
        let plan = try capacity.run(["timeline", "--months", "6", "--paths", "2000"])
        let first = plan.standardOutput.split(separator: "\n").first { $0.hasPrefix("· First action: ") }
        let sentence = try #require(first).dropFirst("· First action: ".count).dropLast()
        #expect(last.contains(sentence), "\(last) vs \(sentence)")
    }
}
