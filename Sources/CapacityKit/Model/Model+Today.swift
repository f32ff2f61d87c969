extension Model {
    /// Months from the inputs' month to ``start``, the months simulated before the
    /// first month shown: `start − inputsMonth` (0 when ``inputsMonth`` is nil or not before `start`).
    ///
    /// Month m (1-based) of every output is then month `elapsedMonths + m` of a run
    /// from the inputs' month: it has `elapsedMonths + m − 1` growth steps.
    public var elapsedMonths: Int {
        guard let inputsMonth, inputsMonth < start else { return 0 }
        return start.months(since: inputsMonth)
    }

    /// How old the inputs are when the forecast starts (nil: they describe its first month).
    public var inputsAge: InputsAge? {
        guard let inputsMonth, inputsMonth < start else { return nil }
        return InputsAge(month: inputsMonth, months: start.months(since: inputsMonth))
    }

    /// This model forecast from `today` when its ``start`` is before it: `start`
    /// becomes `today` and ``inputsMonth`` keeps the month the inputs describe, so
    /// the months between are simulated (they carry growth and its uncertainty) but
    /// every output begins at `today` and says how old the inputs are. A model
    /// starting at or after `today` is returned as it is. Idempotent.
    public func forecastingFrom(today: YearMonth) -> Model {
        guard start < today else { return self }
        var moved = self
        moved.inputsMonth = inputsMonth ?? start
        moved.start = today
        return moved
    }

    /// This model with its inputs describing `start` (`--start`, a backtest's month):
    /// no months are elapsed before it.
    public func describing(_ start: YearMonth) -> Model {
        var moved = self
        moved.start = start
        moved.inputsMonth = nil
        return moved
    }
}

/// How old a model's inputs are at the month its forecast starts: the inputs
/// describe ``month`` and the forecast begins ``months`` months later (≥ 1), the
/// current month. Every output that shows forecast months says so (``line``).
public struct InputsAge: Sendable, Equatable {
    /// The calendar month the inputs describe (the model file's `start`).
    public var month: YearMonth
    /// Months from ``month`` to the forecast's first month, ≥ 1.
    public var months: Int

    public init(month: YearMonth, months: Int) {
        self.month = month
        self.months = months
    }

    /// The forecast's first month (the current month): ``month`` + ``months``.
    public var forecastStart: YearMonth { month.adding(months: months) }

    /// `inputs from 2025-11, 13 months old: recalibrate (capacity calibrate) or give --start`
    public var warning: String {
        "inputs from \(month), \(months) month\(months == 1 ? "" : "s") old: recalibrate (capacity calibrate) or give --start"
    }

    /// What was done about it: `the 13 months from 2025-11 to 2026-11 are simulated (growth and its
    /// uncertainty) but not shown`.
    public var simulated: String {
        let last = forecastStart.adding(months: -1)
        let span = months == 1 ? "the month \(month) is" : "the \(months) months from \(month) to \(last) are"
        return "\(span) simulated (growth and its uncertainty) but not shown"
    }

    /// The note every output prints: `Note: inputs from 2025-11, 13 months old: recalibrate (capacity calibrate)
    /// or give --start. Month 1 is 2026-12, the current month; the 13 months from 2025-11 to 2026-11 are
    /// simulated (growth and its uncertainty) but not shown.`
    public var line: String {
        "Note: \(warning). Month 1 is \(forecastStart), the current month; \(simulated)."
    }
}

extension YearMonth {
    /// Calendar months from `earlier` to this month (negative when `earlier` is later).
    public func months(since earlier: YearMonth) -> Int {
        (year - earlier.year) * 12 + month - earlier.month
    }
}
