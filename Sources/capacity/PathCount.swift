import ArgumentParser

/// A path count as users type it: `100000`, `100_000`, `1e6`.
struct PathCount: ExpressibleByArgument, Sendable {
    var value: Int

    init?(argument: String) {
        let text = argument.replacingOccurrences(of: "_", with: "")
        if let integer = Int(text) {
            value = integer
        } else if let real = Double(text), real.isFinite, real == real.rounded(), abs(real) < 9e18 {
            value = Int(real)
        } else {
            return nil
        }
    }

    init(_ value: Int) { self.value = value }

    var defaultValueDescription: String { String(value) }
}
