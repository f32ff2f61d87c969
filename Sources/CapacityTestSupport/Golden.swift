import Foundation

/// Golden files: an output compared byte for byte with a checked-in file
/// (`Tests/CapacityCLITests/Golden`), rewritten instead when `CAPACITY_UPDATE_GOLDEN`
/// is set (`scripts/update-goldens`; review the diff before committing it).
///
///     #expect(try Golden.mismatch(outcome.standardOutput, "deploy-default.txt") == nil)
public enum Golden {
    /// The folder of every golden file.
    public static let folder = CommandRunner.packageRoot.appendingPathComponent("Tests/CapacityCLITests/Golden")

    /// True when the run rewrites the golden files rather than checking them.
    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["CAPACITY_UPDATE_GOLDEN"] != nil }

    /// Nil when `text` matches the golden file `name` (both passed through `normalised` first,
    /// e.g. ``LastDigits/rounded(_:)`` for outputs whose last digits depend on the processor);
    /// otherwise what differs: the first differing line of each and how to regenerate.
    /// Writes the file first when ``isUpdating``.
    public static func mismatch(_ text: String, _ name: String,
                                normalised: (String) -> String = { $0 }) throws -> String? {
        let file = folder.appendingPathComponent(name)
        if isUpdating { try text.write(to: file, atomically: true, encoding: .utf8) }
        let expected = normalised(try String(contentsOf: file, encoding: .utf8)), actual = normalised(text)
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        func shown(_ lines: [Substring]) -> String { line < lines.count ? String(lines[line]) : "(end of text)" }
        return "\(name) drifted at line \(line + 1):\n  golden: \(shown(old))\n  now:    \(shown(new))\n"
            + "run scripts/update-goldens after a deliberate change"
    }
}
