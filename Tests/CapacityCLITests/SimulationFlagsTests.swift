import Foundation
import Testing
import CapacityTestSupport

/// The simulation flags every model command shares (`SimulationFlags`, `SamplingFlags`):
/// a bad value gets the same words from each.
@Suite struct SimulationFlagsTests {
    let capacity = CommandRunner()
    static let commands: [[String]] = [["forecast"], ["pools"], ["timeline"], ["report", "--output", "-"],
                                       ["sensitivity"], ["deploy"], ["sla"]]

    @Test("--seed -1, --seed 1.5, --paths 0, --threads 0: one message per flag, exit 64, from every model command",
          arguments: commands)
    func badValues(command: [String]) throws {
        for (flags, message) in [
            (["--seed", "-1"], "error: --seed must be a whole number ≥ 0 (at most 18446744073709551615); got -1"),
            (["--seed", "1.5"], "error: --seed must be a whole number ≥ 0 (at most 18446744073709551615); got 1.5"),
            (["--threads", "0"], "error: --threads must be between 1 and 512; got 0"),
            (["--chunk-size", "0"], "error: --chunk-size must be ≥ 1; got 0"),
        ] {
            let outcome = try capacity.run(command + flags)
            #expect(outcome.status == 64, "\(command) \(flags)")
            #expect(outcome.standardError.hasPrefix(message + "\n"), "\(command) \(flags): \(outcome.standardError)")
        }
        let paths = try capacity.run(command + ["--paths", "0"])
        #expect(paths.status == 64 && paths.standardError.hasPrefix("error: --paths must be between 1 and "),
                "\(command): \(paths.standardError)")
    }

    @Test("--months and --start: the same words from every command that forecasts",
          arguments: commands.prefix(5))
    func horizon(command: [String]) throws {
        let months = try capacity.run(command + ["--months", "0"])
        #expect(months.status == 64 && months.standardError.hasPrefix("error: --months must be between 1 and 120; got 0\n"),
                "\(command): \(months.standardError)")
        let start = try capacity.run(command + ["--start", "2026-13"])
        #expect(start.status == 64
                    && start.standardError.hasPrefix("error: --start must be a calendar month YYYY-MM (e.g. 2026-12); got 2026-13\n"),
                "\(command): \(start.standardError)")
    }
}
