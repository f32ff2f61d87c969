/// The JSON form of a ``ScenarioComparison``: each scenario with its overrides
/// (and the file's values), its summary, and its figures by row and column key;
/// probabilities with their standard errors; what it takes to repeat the run.
struct ScenarioComparisonDocument: Encodable {
    /// A figure: a number, a string, `{month, date}`, `{p, se}`, `{value, se}`, or null.
    struct Figure: Encodable {
        var figure: ScenarioComparison.Figure

        struct Month: Encodable {
            var month: Int
            var date: String
        }

        struct Estimate: Encodable {
            var value: Double
            var se: Double
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch figure {
            case .month(let month, let date):
                if let month, let date { try container.encode(Month(month: month, date: date.description)) } else { try container.encodeNil() }
            case .months(let months, _):
                if let months { try container.encode(months) } else { try container.encodeNil() }
            case .probability(let p): try container.encode(JSONProbability(p))
            case .share(let x), .availability(let x, _), .money(let x), .minutes(let x), .count(let x): try container.encode(x)
            case .estimate(let value, let se): try container.encode(Estimate(value: value, se: se))
            case .day(let day):
                if let day { try container.encode(day.description) } else { try container.encodeNil() }
            case .text(let text): try container.encode(text)
            case .none: try container.encodeNil()
            }
        }
    }

    struct Column: Encodable {
        var key: String
        var title: String
    }

    struct Scenario: Encodable {
        var name: String
        var overrides: [JSONOverride]
        var summary: String?
        /// Row key → column key → figure.
        var figures: [String: [String: Figure]]
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command: String
    var comparison = "scenarios"
    var model: String
    var run: String
    var seed: UInt64
    var paths: Int
    var overrides: [JSONOverride]?
    var row_title: String
    /// Row key → label, in table order.
    var rows: [Column]
    var columns: [Column]
    var scenarios: [Scenario]
    /// The month the model's inputs describe and their age at month 1 (``InputsAge``); absent when they describe month 1.
    var inputs_month: String?
    var inputs_age_months: Int?
    /// What the figures mean; first, when the inputs are older than month 1, their age.
    var notes: [String]

    init(_ c: ScenarioComparison) {
        command = c.command
        model = c.modelName
        run = c.run
        seed = c.seed
        paths = c.paths
        overrides = OverrideNote.json(c.commandLineOverrides)
        row_title = c.rowTitle
        rows = c.rows.map { Column(key: $0.key, title: $0.label) }
        columns = c.columns.map { Column(key: $0.key, title: $0.title) }
        scenarios = c.scenarios.enumerated().map { index, scenario in
            Scenario(name: scenario.name, overrides: scenario.overrides.map(JSONOverride.init), summary: scenario.summary,
                     figures: Dictionary(uniqueKeysWithValues: c.rows.map { row in
                         (row.key, Dictionary(uniqueKeysWithValues: zip(c.columns, row.values[index]).map {
                             ($0.key, Figure(figure: $1))
                         }))
                     }))
        }
        inputs_month = InputsAgeNote.month(c.inputsAge)
        inputs_age_months = c.inputsAge?.months
        notes = InputsAgeNote.notes(c.notes, c.inputsAge)
    }
}
