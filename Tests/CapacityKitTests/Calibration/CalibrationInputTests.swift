import Testing
@testable import CapacityKit

/// The history and load-test CSV readers: the contract's columns, and every bad
/// input as an error at its cell (`file:line:column`).
@Suite("Calibration: CSV inputs")
struct CalibrationInputTests {
    let model = try! DefaultModel.load()

    func history(_ text: String) throws(DataFileError) -> MonthlyHistory {
        try MonthlyHistory.read(csv: text, file: "h.csv", model: model)
    }

    func error(_ text: String) -> String? {
        do { _ = try history(text); return nil } catch { return error.description }
    }

    @Test("a history with every kind of column reads; empty cells are missing values")
    func reads() throws {
        let h = try history("""
            month,rps_avg,rps_peak,host_memory_mb,api_memory_mb,postgres_connections\r
            2026-01,10,18,1000,300,2\r
            2026-02,"12.5",,1010,,3\r

            """)
        #expect(h.months == [YearMonth(year: 2026, month: 1), YearMonth(year: 2026, month: 2)])
        #expect(h.rpsAverage == [10, 12.5])
        #expect(h.rpsPeak == [18, nil])
        #expect(h.hostMemoryMB == [1000, 1010])
        #expect(h.serviceMemoryMB["api"] == [300, nil])
        #expect(h.serviceMemoryMB["redis"] == nil)
        #expect(h.connections["postgres"] == [2, 3])
    }

    @Test("months may be written as their first day, as capacity's CSVs and spreadsheets write them; the writer does")
    func firstDayMonths() throws {
        let h = try history("month,rps_avg,host_memory_mb\n2025-12-01,10,1000\n2026-01,11,1010\n2026-02-01,12,\n")
        #expect(h.months == [YearMonth(year: 2025, month: 12), YearMonth(year: 2026, month: 1), YearMonth(year: 2026, month: 2)])
        let written = HistoryWriter.csv(h, services: [], pools: [])
        #expect(written == "month,rps_avg,host_memory_mb\n2025-12-01,10,1000\n2026-01-01,11,1010\n2026-02-01,12,\n")
        #expect(try history(written).months == h.months)
    }

    @Test("bad histories are errors at their cell")
    func badHistories() {
        #expect(error("") == "h.csv:1:1: the file is empty; expected a header row, e.g. `month,rps_avg`")
        #expect(error("rps_avg,host_memory_mb\n10,100\n")
                == "h.csv:1:1: missing column `month`; got `rps_avg`, `host_memory_mb`; the header needs `month` and `rps_avg`")
        #expect(error("month,rps_avg\n") == "h.csv:2:1: the file has a header but no months")
        #expect(error("month,rps_avg\n2026-01,10\n2026-03,12\n")
                == "h.csv:3:1: column `month` must hold consecutive months in order; skips from 2026-01 to 2026-03; expected 2026-02")
        #expect(error("month,rps_avg\n2026-01,10\n2026-01,12\n")
                == "h.csv:3:1: column `month` must hold consecutive months in order; repeats 2026-01; expected 2026-02")
        #expect(error("month,rps_avg\n2026-02,10\n2026-01,12\n")
                == "h.csv:3:1: column `month` must hold consecutive months in order; goes back to 2026-01 after 2026-02; expected 2026-03")
        #expect(error("month,rps_avg\n2026-01,-3\n") == "h.csv:2:9: column `rps_avg` must be between 0.000001 and 10⁹ (requests/s); got -3")
        #expect(error("month,rps_avg,host_memory_mb\n2026-01,10,  lots\n")
                == "h.csv:2:12: column `host_memory_mb` must be a finite number; got lots")
        #expect(error("month,rps_avg\n2026-1,10\n")
                == "h.csv:2:1: column `month` must be a calendar month YYYY-MM or its first day YYYY-MM-01; got 2026-1")
        #expect(error("month,rps_avg\n2026-01-15,10\n")
                == "h.csv:2:1: column `month` must be a calendar month YYYY-MM or its first day YYYY-MM-01; got 2026-01-15")
        #expect(error("month,rps_avg,api_memory\n2026-01,10,5\n")
                == "h.csv:1:15: unknown column `api_memory`; did you mean `api_memory_mb`?")
        #expect(error("month,rps_avg,rps_peak\n2026-01,10,8\n")
                == "h.csv:2:12: column `rps_peak` must be ≥ rps_avg (10); got 8; the peak is the month's highest request rate")
        #expect(error("month,rps_avg\n2026-01,10,3\n") == "h.csv:2:1: row has 3 cells but the header has 2")
        #expect(error("month,rps_avg\n2026-01,\"10\n") == "h.csv:2:9: a quoted cell is not closed before the end of the file")
        #expect(error("month,rps_avg\n2026-01,nan\n") == "h.csv:2:9: column `rps_avg` must be a finite number; got nan")
    }

    @Test("a load test needs rps and a memory column")
    func loadTests() throws {
        let test = try LoadTest.read(csv: "rps,host_memory_mb\n100,2050\n150,2350\n", file: "l.csv", model: model)
        #expect(test.rps == [100, 150] && test.hostMemoryMB == [2050, 2350])
        #expect(throws: DataFileError(file: "l.csv", line: 1, column: 1, message: "a load test needs a memory column",
                                      hint: "add `host_memory_mb` or `<service>_memory_mb`")) {
            try LoadTest.read(csv: "rps\n100\n", file: "l.csv", model: model)
        }
        #expect(throws: DataFileError(file: "l.csv", line: 3, column: 1, message: "column `rps` must be between 0.000001 and 10⁹ (requests/s); got 0")) {
            try LoadTest.read(csv: "rps,api_memory_mb\n100,300\n0,200\n", file: "l.csv", model: model)
        }
    }

    @Test("figures out of range are located errors; wild swings a clear error, never NaN or a crash")
    func ranges() throws {
        #expect(error("month,rps_avg,host_memory_mb\n2026-01,10,2e9\n")
                == "h.csv:2:12: column `host_memory_mb` must be between 0 and 10⁹ (MB); got 2e9")
        #expect(error("month,rps_avg\n2026-01,1e-300\n")
                == "h.csv:2:9: column `rps_avg` must be between 0.000001 and 10⁹ (requests/s); got 1e-300")
        // Ratios of ±ln(10¹⁵) = ±34.5 (+, −, +): r̄ = 11.5, s² = (23² + 46² + 23²)/2 = 1587 and exp(r̄ + s²/2) overflows.
        let wild = try history("month,rps_avg\n2026-01,0.000001\n2026-02,1e9\n2026-03,0.000001\n2026-04,1e9\n")
        #expect(throws: CalibrationError("growth from h.csv: traffic.growth.mean does not come out as a finite number from these data; check them for months or loads that differ by many orders of magnitude")) {
            try Calibration.run(try ValidatedModel(model), history: wild, loadTest: nil)
        }
        let swings = (0..<8).map { "2026-0\($0 + 1),\($0 % 2 == 0 ? "0.000001" : "1e9")" }.joined(separator: "\n")
        let result = try Calibration.run(try ValidatedModel(model), history: try history("month,rps_avg\n" + swings + "\n"), loadTest: nil)
        #expect(result.values.allSatisfy { $0.value.isFinite && ($0.standardError?.isFinite ?? true) })
    }
}
