import Testing
@testable import CapacityKit

/// Saved `query_range` responses (the documented shape: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries).
@Suite("Calibration: Prometheus exports")
struct PrometheusExportTests {
    static let model = try! DefaultModel.load()
    /// 2026-01-01T00:00:00Z and 2026-02-01T00:00:00Z in Unix seconds (1735689600 = 2025-01-01, + 365 days; + 31 days).
    static let january: Double = 1_767_225_600
    static let february: Double = 1_769_904_000

    static func response(_ series: [[(Double, String)]]) -> String {
        let results = series.map { values in
            "{\"metric\":{\"job\":\"api\"},\"values\":[" + values.map { "[\($0.0),\"\($0.1)\"]" }.joined(separator: ",") + "]}"
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + results.joined(separator: ",") + "]}}"
    }

    @Test("two series are summed per timestamp; NaN and +Inf skipped and counted; gaps counted; fractional timestamps")
    func sumsAndSkips() throws {
        let j = Self.january
        let text = Self.response([
            [(j, "10"), (j + 60.5, "12"), (j + 121, "NaN"), (j + 181.5, "14"), (j + 302.5, "16")],  // a step missing before the last
            [(j, "1"), (j + 60.5, "+Inf"), (j + 121, "3")],
        ])
        let export = try PrometheusExport.parse(text, file: "rps.json", metric: .rps)
        #expect(export.seriesCount == 2 && export.skippedValues == 2)
        // Step 60.5 s (the smallest spacing); series 1 jumps 181.5 → 302.5 = 2 steps: one gap.
        #expect(export.gaps == 1)
        #expect(export.samples.map(\.time) == [j, j + 60.5, j + 121, j + 181.5, j + 302.5])
        #expect(export.samples.map(\.value) == [11, 12, 3, 14, 16])
        let january = try #require(export.monthly()[YearMonth(year: 2026, month: 1)])
        #expect(january.average == 56.0 / 5 && january.peak == 16)
    }

    /// Hourly samples over whole months from 2026-01-01: `value(hour)` at each hour.
    static func hourly(hours: Int, _ value: (Int) -> String) -> [(Double, String)] {
        (0..<hours).map { (january + 3600 * Double($0), value($0)) }
    }

    @Test("memory in bytes becomes MB (10⁶ bytes); monthly average and peak per month; service memory per node")
    func memoryMonthly() throws {
        // January (744 h) at 20 rps but 30 in its last hour; February (672 h) at 42 rps, 44 in its first.
        let hours = 744 + 672
        func rate(_ hour: Int) -> String {
            if hour == 743 { return "30" }
            if hour == 744 { return "44" }
            return hour < 744 ? "20" : "42"
        }
        let rps = try PrometheusExport.parse(Self.response([Self.hourly(hours: hours, rate)]), file: "rps.json", metric: .rps)
        let memory = try PrometheusExport.parse(Self.response([Self.hourly(hours: hours) { $0 < 744 ? "250000000" : "300500000" },
                                                               Self.hourly(hours: hours) { $0 < 744 ? "1000000" : "0" }]),
                                                file: "api.json", metric: .memory(service: "api"))
        let history = try MonthlyHistory.combining([rps, memory])
        #expect(history.months == [YearMonth(year: 2026, month: 1), YearMonth(year: 2026, month: 2)])
        let averages: [Double] = [(743.0 * 20 + 30) / 744, (671.0 * 42 + 44) / 672]
        #expect(history.rpsAverage == averages && history.rpsPeak == [30, 44])
        #expect(history.serviceMemoryMB["api"] == [251, 300.5])
        #expect(history.source == "rps.json + api.json")
        // On 2 nodes the containers' sum is shared: memory per node.
        let twoNodes = try MonthlyHistory.combining([rps, memory], nodes: 2)
        #expect(twoNodes.serviceMemoryMB["api"] == [125.5, 150.25])
    }

    @Test("an error status, a truncated file, an instant query: clear errors naming the file")
    func errors() {
        #expect(throws: DataFileError(file: "e.json", message: "Prometheus answered status \"error\" (bad_data: invalid parameter \"query\")",
                                      hint: "fix the query and save the response again")) {
            try PrometheusExport.parse(#"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\""}"#,
                                       file: "e.json", metric: .rps)
        }
        let whole = Self.response([[(Self.january, "1")]])
        #expect(throws: DataFileError(file: "t.json", message: "not a complete JSON document (truncated or not JSON)",
                                      hint: "save the whole response of /api/v1/query_range")) {
            try PrometheusExport.parse(String(whole.prefix(whole.count / 2)), file: "t.json", metric: .rps)
        }
        #expect(throws: DataFileError.self) {
            try PrometheusExport.parse(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#, file: "v.json", metric: .rps)
        }
        #expect(throws: DataFileError(file: "m.json", message: "Prometheus data need the request rate", hint: "add --prometheus rps=FILE")) {
            let memory = try PrometheusExport.parse(Self.response([[(Self.january, "1")]]), file: "m.json", metric: .hostMemory)
            return try MonthlyHistory.combining([memory])
        }
    }

    @Test("names: rps, host_memory, memory.<service>, connections.<pool>")
    func names() {
        #expect(PrometheusExport.Metric.named("memory.api", model: Self.model) == .memory(service: "api"))
        #expect(PrometheusExport.Metric.named("connections.postgres", model: Self.model) == .connections(pool: "postgres"))
        #expect(PrometheusExport.Metric.named("memory.nginx", model: Self.model) == nil)
    }
}
