import Foundation
import Testing
import CapacityTestSupport

/// Every model command's CSV and JSON, byte for byte (``Golden``), on the default model with
/// few paths and a fixed thread count (the JSON names it): what a spreadsheet or a script reads.
@Suite struct MachineReadableGoldenTests {
    let capacity = CommandRunner()

    @Test("golden CSV and JSON", arguments: [
        (["forecast", "--months", "6", "--paths", "2000"], "forecast"),
        (["pools", "--months", "6", "--paths", "2000"], "pools"),
        (["deploy", "--paths", "2000"], "deploy"),
        (["sla", "--paths", "500", "--years", "5"], "sla"),
        (["timeline", "--months", "12", "--paths", "2000"], "timeline"),
        (["sensitivity", "--months", "6", "--paths", "1000"], "sensitivity"),
    ])
    func csvAndJSON(arguments: [String], name: String) throws {
        for format in ["csv", "json"] {
            let outcome = try capacity.run(arguments + ["--threads", "2", "--format", format])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let drift = try Golden.mismatch(outcome.standardOutput, "\(name)-default.\(format)")
            #expect(drift == nil, "\(drift ?? "")")
        }
    }

    @Test("golden JSON: the quarterly review")
    func reportJSON() throws {
        let outcome = try capacity.run(["report", "--format", "json", "--output", "-", "--paths", "2000", "--threads", "2"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let drift = try Golden.mismatch(outcome.standardOutput, "report-default.json")
        #expect(drift == nil, "\(drift ?? "")")
    }
}
