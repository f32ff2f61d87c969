import Testing
@testable import capacity

/// Colour and width decisions for standard output (issue #13, "Terminals").
@Suite struct TerminalTests {
    @Test("colour only on a terminal, not with TERM=dumb, NO_COLOR only when non-empty, not into --output")
    func colour() {
        #expect(Terminal.allowsColour(output: nil, isTerminal: true, environment: ["TERM": "xterm"]))
        #expect(!Terminal.allowsColour(output: nil, isTerminal: false, environment: [:]))
        #expect(!Terminal.allowsColour(output: nil, isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!Terminal.allowsColour(output: nil, isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(Terminal.allowsColour(output: nil, isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!Terminal.allowsColour(output: "f.txt", isTerminal: true, environment: [:]))
        #expect(Terminal.allowsColour(output: "-", isTerminal: true, environment: [:]))
    }

    @Test("COLUMNS overrides the width when it is a positive number")
    func width() {
        #expect(Terminal.width(environment: ["COLUMNS": "80"]) == 80)
    }
}
