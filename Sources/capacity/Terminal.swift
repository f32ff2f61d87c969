import Foundation

/// What standard output is, for writers that may colour or fit a table.
enum Terminal {
    /// True when colour may be used on standard output: it is a terminal
    /// (and not redirected with `--output`), `TERM` is not `dumb`, and
    /// `NO_COLOR` is unset or empty (no-color.org: "when present and not an
    /// empty string").
    static func allowsColour(output: String?, isTerminal: Bool = isatty(STDOUT_FILENO) == 1,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard output == nil || output == "-", isTerminal else { return false }
        if environment["TERM"] == "dumb" { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return true
    }

    /// The width of the terminal on standard output in columns, nil when it is
    /// not a terminal; `COLUMNS` (a positive whole number) overrides.
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return nil
        }
        return Int(size.ws_col)
    }
}
