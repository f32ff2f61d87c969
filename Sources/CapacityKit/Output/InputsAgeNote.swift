/// How every output of a forecast from old inputs says so (``InputsAge``): a
/// note line under the headline (table, Markdown), `inputs_month` and
/// `inputs_age_months` columns (CSV, on every row) and keys (JSON), and the line
/// first among the JSON's notes. With inputs that describe month 1, nothing changes.
public enum InputsAgeNote {
    /// `Note: inputs from 2025-11, 13 months old: recalibrate (capacity calibrate) or give --start; …`
    public static func line(_ age: InputsAge?) -> String? { age?.line }

    /// `document` with `inputs_month` (its first day, as CSV dates are: ``CSVDocument/date(_:)``)
    /// and `inputs_age_months` columns.
    static func csv(_ document: CSVDocument, _ age: InputsAge?) -> CSVDocument {
        guard let age else { return document }
        return CSVDocument(header: document.header + ["inputs_month", "inputs_age_months"],
                           rows: document.rows.map { $0 + [CSVDocument.date(age.month), String(age.months)] })
    }

    /// `notes` with the age's line first.
    static func notes(_ notes: [String], _ age: InputsAge?) -> [String] {
        (age.map { [$0.line] } ?? []) + notes
    }

    /// The JSON keys: `inputs_month` (`2025-11`), nil without an age.
    static func month(_ age: InputsAge?) -> String? { age?.month.description }
}
