import Foundation
import Testing
import CapacityTestSupport

/// A model whose `start` is 13 months before today (`CAPACITY_TODAY` = 2026-11): every
/// command forecasts from today, simulating the months between, and says how old the inputs are.
@Suite struct TodayCommandTests {
    let capacity = CommandRunner()
    /// The sentence every output carries, for inputs of 2025-10 read in 2026-11.
    static let age = "inputs from 2025-10, 13 months old: recalibrate (capacity calibrate) or give --start"
    static let line = "Note: \(age). Month 1 is 2026-11, the current month; the 13 months from 2025-10 to 2026-10 "
        + "are simulated (growth and its uncertainty) but not shown."

    /// The shipped 4 GB stack with `start: 2025-10`, in a fresh folder as `old.yaml`.
    static func folder() throws -> URL {
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
        #expect(CommandRunner.today == "2026-11")
        let folder = try CommandRunner.temporaryFolder()
        try text.replacingOccurrences(of: "\nstart: 2026-12", with: "\nstart: 2025-10")
            .write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("forecast: month 1 is the current month, and table, Markdown, CSV and JSON say how old the inputs are")
    func forecast() throws {
        let folder = try Self.folder()
        let run = { (format: String) in
            try capacity.run(["forecast", "--model", "old.yaml", "--months", "3", "--paths", "2000", "--format", format], in: folder)
        }
        let table = try run("table")
        #expect(table.status == 0)
        let lines = table.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == Substring(Self.line), "under the headline")
        // The month table's rows (`    1  2026-11  …`): the current month first, none before it.
        let rows = lines.filter { $0.hasPrefix("    ") && $0.split(separator: " ").first.map { Int($0) != nil } == true }
        #expect(rows.map { $0.split(separator: " ")[1] } == ["2026-11", "2026-12", "2027-01"])
        #expect(table.standardError == "old.yaml:14:8: note: start 2025-10 is 13 months before the current month 2026-11: "
            + "forecasts begin at 2026-11 and the 13 months from 2025-10 to 2026-10 are simulated (growth and its uncertainty) "
            + "but not shown; \(Self.age)\n")
        #expect(try run("markdown").standardOutput.contains("\n" + Self.line + "\n"))
        let csv = try run("csv").standardOutput.split(separator: "\n")
        #expect(csv[0].hasSuffix(",inputs_month,inputs_age_months"))
        #expect(csv[1].hasPrefix("1,2026-11-01,") && csv.dropFirst().allSatisfy { $0.hasSuffix(",2025-10-01,13") })
        let document = try json(try run("json").standardOutput)
        #expect(document["inputs_month"] as? String == "2025-10" && document["inputs_age_months"] as? Int == 13)
        #expect((document["notes"] as? [String])?.first == Self.line)
        let months = try #require(document["months"] as? [[String: Any]])
        #expect(months.map { $0["date"] as? String } == ["2026-11", "2026-12", "2027-01"])
    }

    /// `--start 2025-10` forecasts from the inputs' month itself: its months 14–15 are the
    /// months 1–2 of the run from today (same paths, streams keyed by seed, path and input),
    /// every figure but the "by" ones, which count from each run's own month 1.
    @Test("--start overrides: the inputs describe that month, nothing elapsed, no age note; its month 14 is today's month 1")
    func startOverrides() throws {
        let folder = try Self.folder()
        let fromToday = try capacity.run(["forecast", "--model", "old.yaml", "--months", "2", "--paths", "3000",
                                          "--format", "csv"], in: folder)
        let fromInputs = try capacity.run(["forecast", "--model", "old.yaml", "--months", "15", "--paths", "3000",
                                           "--format", "csv", "--start", "2025-10"], in: folder)
        #expect(fromInputs.status == 0 && !fromInputs.standardOutput.contains("inputs_"))
        #expect(fromInputs.standardError.hasPrefix("--start: note: start 2025-10 is 13 months before the current month 2026-11: "
            + "the forecast's first months are in the past"))
        let today = fromToday.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let inputs = fromInputs.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(inputs[1][1] == "2025-10-01" && inputs[14][1] == "2026-11-01")
        // Every column but the month's number, the "by" figures and the inputs' age: date, traffic, memory,
        // probabilities, status and its reason, each service's and pool's figures of the month.
        let header = today[0]
        let same = header.indices.filter { index in
            index >= 1 && !header[index].hasSuffix("_by") && !header[index].hasPrefix("inputs_")
        }
        #expect(same.count == header.count - 12, "all but month, the nine `_by` columns (the worker pool's among them) and the two `inputs_` ones")
        for m in 1...2 {
            #expect(same.map { today[m][$0] } == same.map { inputs[13 + m][$0] }, "month \(m)")
        }
        let started = try capacity.run(["forecast", "--model", "old.yaml", "--months", "2", "--paths", "1000",
                                        "--start", "2026-11"], in: folder)
        #expect(!started.standardOutput.contains("inputs from") && started.standardError.isEmpty)
        #expect(started.standardOutput.contains("\n    1  2026-11 "))
    }

    @Test("pools, sensitivity and scenarios say the inputs' age in every format; the timeline starts today")
    func otherCommands() throws {
        let folder = try Self.folder()
        let common = ["--model", "old.yaml", "--months", "2", "--paths", "500"]
        for command in [["pools"], ["sensitivity"], ["forecast", "--scenarios", "all"]] {
            let table = try capacity.run(command + common, in: folder)
            #expect(table.status == 0, "\(command)")
            #expect(table.standardOutput.split(separator: "\n")[1] == Substring(Self.line), "\(command)")
            let csv = try capacity.run(command + common + ["--format", "csv"], in: folder).standardOutput.split(separator: "\n")
            #expect(csv[0].hasSuffix(",inputs_month,inputs_age_months") && csv[1].hasSuffix(",2025-10-01,13"), "\(command)")
            let document = try json(try capacity.run(command + common + ["--format", "json"], in: folder).standardOutput)
            #expect(document["inputs_month"] as? String == "2025-10" && document["inputs_age_months"] as? Int == 13, "\(command)")
        }
        let pools = try json(try capacity.run(["pools"] + common + ["--format", "json"], in: folder).standardOutput)
        let pool = try #require((pools["pools"] as? [[String: Any]])?.first)
        #expect((pool["months"] as? [[String: Any]])?.first?["date"] as? String == "2026-11")
        let timeline = try capacity.run(["timeline", "--model", "old.yaml", "--months", "3", "--paths", "500"], in: folder)
        #expect(timeline.standardOutput.hasPrefix("4GB production stack: scaling timeline over 3 months from 2026-11,"))
    }

    @Test("the report says it in its summary and assumptions (Markdown, HTML) and its JSON inputs; validate states it")
    func reportAndValidate() throws {
        let folder = try Self.folder()
        let report = { (format: String) in
            try capacity.run(["report", "--model", "old.yaml", "--months", "3", "--paths", "500", "--format", format,
                              "--output", "-"], in: folder)
        }
        let markdown = try report("markdown").standardOutput
        #expect(markdown.contains("### The figures\n\n- \(Self.line)\n"))
        #expect(markdown.contains("| inputs' age | \(Self.age); the 13 months from 2025-10 to 2026-10 are simulated "
            + "(growth and its uncertainty) but not shown | model |"))
        #expect(markdown.contains("| traffic | 100 rps in 2025-10 | model |"))
        let html = try report("html").standardOutput
        #expect(html.contains("<li>\(Self.line)</li>"))
        let document = try json(try report("json").standardOutput)
        let inputs = try #require(document["inputs"] as? [String: String])
        #expect(inputs["start"] == "2026-11" && inputs["inputs_month"] == "2025-10" && inputs["inputs_age_months"] == "13")
        #expect((document["summary"] as? [String: Any]).flatMap { $0["lines"] as? [String] }?.first == Self.line)
        #expect((document["forecast"] as? [String: Any])?["inputs_age_months"] as? Int == 13)

        let validate = try capacity.run(["validate", "old.yaml"], in: folder)
        #expect(validate.status == 0)
        #expect(validate.standardOutput.hasPrefix("ok: old.yaml\nmodel: 4GB production stack (starts 2026-11, inputs from 2025-10)\n"
            + Self.line + "\n"))
    }
}
