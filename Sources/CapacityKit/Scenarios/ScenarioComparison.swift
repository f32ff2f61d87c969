/// A model and its scenarios side by side: one table per command, a column
/// group per scenario (the model as it is first, as `base`), every figure
/// decided by the command's own engine.
///
/// Every scenario runs through the same engine with the same seed and paths as
/// the base case: streams are keyed by (seed, path, input name), so a scenario
/// sees the same random numbers as the base for every input they share (common
/// random numbers). A difference between two columns is then the effect of the
/// overrides, not sampling noise; a scenario identical to the base gives
/// identical figures, and one with more capacity never shows more risk on any path.
public struct ScenarioComparison: Sendable {
    /// One figure of one scenario, typed so that each format can print it its way.
    public enum Figure: Sendable, Equatable {
        /// A forecast month (1-based) and its calendar month; nil: not within the horizon.
        case month(Int?, YearMonth?)
        /// A number of months; nil: at least `horizon` (nothing happens within it).
        case months(Int?, horizon: Int)
        /// A Monte Carlo probability, with its standard error.
        case probability(Proportion)
        /// An exact probability or share, a fraction.
        case share(Double)
        /// An availability, with its unavailability (printed with the digits that tell it from 1).
        case availability(Double, unavailability: Double)
        /// A Monte Carlo mean or probability with its standard error.
        case estimate(Double, standardError: Double)
        case money(Double)
        case day(CalendarDay?)
        case minutes(Double)
        case count(Double)
        case text(String)
        /// The figure does not exist in this scenario (a resource it does not have).
        case none
    }

    /// A figure within each scenario's group.
    public struct Column: Sendable, Equatable {
        /// The CSV and JSON key: `first_failure`.
        public var key: String
        /// The table's title: `first failure`.
        public var title: String
    }

    /// One row: a resource (forecast) or a figure (the other commands).
    public struct Row: Sendable {
        public var key: String
        public var label: String
        /// `values[scenario][column]`.
        public var values: [[Figure]]
    }

    /// One column group.
    public struct Scenario: Sendable {
        /// `base` for the model as it is.
        public var name: String
        /// The scenario's own overrides (empty for the base).
        public var overrides: [ModelOverride]
        /// Its headline in a sentence, decided from its figures (the forecast's first failure).
        public var summary: String?
    }

    /// `forecast`, `timeline`, `deploy` or `sla`.
    public var command: String
    public var modelName: String
    /// What was run, for the header: "12-month forecast, 100,000 paths, seed 2026".
    public var run: String
    public var seed: UInt64
    public var paths: Int
    /// `--set` overrides under every scenario, base included.
    public var commandLineOverrides: [ModelOverride]
    /// What a row is: `resource` or `figure`.
    public var rowTitle: String
    public var columns: [Column]
    public var scenarios: [Scenario]
    public var rows: [Row]
    /// What the figures mean.
    public var notes: [String]
    /// How old the model's inputs are at month 1 (``Model/inputsAge``), for the commands
    /// that show forecast months (forecast, timeline); nil otherwise.
    public var inputsAge: InputsAge? = nil

    /// The name of the model as it is in a comparison.
    public static let baseName = ModelLoader.baseScenarioName

    /// The base model first, then `scenarios`, each as the engines take it.
    static func runs(_ model: ValidatedModel, _ scenarios: [ModelScenario]) -> [(Scenario, ValidatedModel)] {
        [(Scenario(name: baseName, overrides: []), model)]
            + scenarios.map { (Scenario(name: $0.name, overrides: $0.overrides), $0.model) }
    }
}
