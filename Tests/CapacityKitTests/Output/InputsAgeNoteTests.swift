import Foundation
import Testing
@testable import CapacityKit

/// How a forecast from old inputs says so (``InputsAgeNote``).
@Suite struct InputsAgeNoteTests {
    @Test("every writer of forecast months says the inputs' age: table, Markdown, CSV columns, JSON keys and notes")
    func writers() throws {
        let model = deterministicModel.forecastingFrom(today: YearMonth(year: 2028, month: 2))
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 2, paths: 10))
        let line = "Note: inputs from 2027-01, 13 months old: recalibrate (capacity calibrate) or give --start. "
            + "Month 1 is 2028-02, the current month; the 13 months from 2027-01 to 2028-01 are simulated "
            + "(growth and its uncertainty) but not shown."
        let writer = ForecastWriter(result)
        #expect(writer.table.split(separator: "\n")[1] == Substring(line))
        #expect(writer.markdown.contains("\n" + line + "\n"))
        let csv = writer.csv.split(separator: "\n")
        #expect(csv[0].hasSuffix(",inputs_month,inputs_age_months"))
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",2027-01-01,13") } && csv[1].hasPrefix("1,2028-02-01,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        #expect(json["inputs_month"] as? String == "2027-01" && json["inputs_age_months"] as? Int == 13)
        #expect((json["notes"] as? [String])?.first == line)
        let plain = try MemoryForecast.run(deterministicModel, options: ForecastOptions(months: 2, paths: 10))
        #expect(!ForecastWriter(plain).json.contains("inputs_") && !ForecastWriter(plain).csv.contains("inputs_"))
    }
}
