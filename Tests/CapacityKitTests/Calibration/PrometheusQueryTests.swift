import Foundation
import Testing
@testable import CapacityKit

/// Durations, ranges, the split under 11,000 points, calendar arithmetic, coverage and what
/// the combined history says about its data — each against hand-derived values.
@Suite("Calibration: Prometheus queries and coverage")
struct PrometheusQueryTests {
    @Test("durations: Prometheus units, compound forms; nothing else")
    func durations() {
        #expect(PrometheusQuery.seconds("1h") == 3600 && PrometheusQuery.seconds("5m") == 300)
        #expect(PrometheusQuery.seconds("1h30m") == 5400 && PrometheusQuery.seconds("1d") == 86_400)
        #expect(PrometheusQuery.seconds("2w") == 1_209_600 && PrometheusQuery.seconds("1y") == 31_536_000)
        #expect(PrometheusQuery.seconds("") == nil && PrometheusQuery.seconds("h") == nil && PrometheusQuery.seconds("1x") == nil
                && PrometheusQuery.seconds("0s") == nil && PrometheusQuery.seconds("12mo") == nil)
        #expect(PrometheusQuery.duration(3600) == "1h" && PrometheusQuery.duration(90) == "1m30s" && PrometheusQuery.duration(604_800) == "7d")
    }

    @Test("ranges: calendar months back from the end (the day kept, clamped to the month's length); durations")
    func ranges() {
        let end = YearMonth(year: 2026, month: 11).unixSeconds  // 2026-11-01 00:00 UTC = 1793491200
        #expect(end == 1_793_491_200)
        #expect(PrometheusQuery.rangeStart(end: end, range: "12mo") == YearMonth(year: 2025, month: 11).unixSeconds)
        // 2026-03-31 12:00 − 1 month → 2026-02-28 12:00 (February has 28 days).
        let march31 = YearMonth(year: 2026, month: 3).unixSeconds + 30 * 86_400 + 43_200
        #expect(PrometheusQuery.rangeStart(end: march31, range: "1mo") == YearMonth(year: 2026, month: 2).unixSeconds + 28 * 86_400)
        #expect(PrometheusQuery.rangeStart(end: end, range: "90d") == end - 90 * 86_400)
        #expect(PrometheusQuery.rangeStart(end: end, range: "0mo") == nil && PrometheusQuery.rangeStart(end: end, range: "x") == nil)
    }

    @Test("calendar: the month of a Unix time, its first second and its days (leap years)")
    func calendar() {
        #expect(YearMonth.containing(unixSeconds: 0) == YearMonth(year: 1970, month: 1))
        #expect(YearMonth.containing(unixSeconds: 1_767_225_599) == YearMonth(year: 2025, month: 12))
        #expect(YearMonth.containing(unixSeconds: 1_767_225_600) == YearMonth(year: 2026, month: 1))
        #expect(YearMonth(year: 2026, month: 1).unixSeconds == 1_767_225_600)
        #expect(YearMonth(year: 2024, month: 2).dayCount == 29 && YearMonth(year: 2026, month: 2).dayCount == 28
                && YearMonth(year: 2000, month: 2).dayCount == 29 && YearMonth(year: 2100, month: 2).dayCount == 28)
        #expect(YearMonth(year: 2024, month: 3).unixSeconds - YearMonth(year: 2024, month: 2).unixSeconds == 29 * 86_400)
    }

    @Test("windows: aligned to the step, at most 11,000 points each, none asked twice")
    func windows() {
        // 2 × 365 days at 1h: 17,520 steps = 17,521 points = 11,000 + 6,521.
        let end = 1_793_491_200.0, start = end - 730 * 86_400
        let windows = PrometheusQuery.windows(start: start, end: end, step: 3600)
        #expect(windows.count == 2)
        #expect(windows[0].start == start && windows[0].end == start + 10_999 * 3600)
        #expect(windows[1].start == start + 11_000 * 3600 && windows[1].end == end)
        // Unaligned ends: start rounds up, end down, to multiples of the step.
        let small = PrometheusQuery.windows(start: 100, end: 1000, step: 300, maximumPoints: 2)
        #expect(small.map(\.start) == [300, 900] && small.map(\.end) == [600, 900])
        #expect(PrometheusQuery.windows(start: 100, end: 200, step: 300).isEmpty)
    }

    @Test("default queries, each replaced by a given one of its name")
    func defaults() {
        #expect(PrometheusQuery.defaults.map(\.promQL) == [
            "sum(rate(http_requests_total[5m]))", "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes",
            #"sum by (container) (container_memory_working_set_bytes{container!="",container!="POD"})"#])
        let mine = PrometheusQuery(metric: .rps, name: "rps", promQL: "sum(rate(nginx_http_requests_total[5m]))", given: true)
        #expect(PrometheusQuery.queries(given: [mine]).map(\.name) == ["host_memory", "memory.*", "rps"])
        let client = PrometheusClient(baseURL: "http://127.0.0.1:9090/prometheus/")
        #expect(client.requestURL(query: "a + b", start: 0, end: 3600, step: 60)?.absoluteString
                == "http://127.0.0.1:9090/prometheus/api/v1/query_range?query=a%20%2B%20b&start=0&end=3600&step=60")
    }

    static let january = 1_767_225_600.0

    /// A one-series export of `metric` at `step` from `times` (offsets from 2026-01-01) with `value`.
    static func export(_ metric: PrometheusExport.Metric, step: Double, _ times: [Double], value: (Double) -> Double,
                       series: Int = 1) -> PrometheusExport {
        PrometheusExport(source: "\(metric).json", metric: metric, samples: times.map { (january + $0, value($0) * Double(series)) },
                         counts: Array(repeating: series, count: times.count), seriesCount: series, step: step)
    }

    @Test("coverage: timestamps × step ÷ the month; months under 90 % dropped and listed with it; the longest consecutive run kept")
    func coverage() throws {
        let day = 86_400.0
        // Daily: all of January (31), 10 days of February (10/28 = 36 %), all of March (31), 28 days of April (28/30 = 93 %),
        // 27 days of May (27/31 = 87 %), all of June.
        let days: [Range<Int>] = [0..<31, 31..<41, 59..<90, 90..<118, 120..<147, 151..<181]
        let offsets: [Double] = days.flatMap { $0.map { Double($0) * day } }
        let rps = Self.export(.rps, step: day, offsets) { 100 + $0 / day }
        let monthly = rps.monthly()
        #expect(monthly[YearMonth(year: 2026, month: 2)]?.coverage == 10.0 / 28)
        #expect(monthly[YearMonth(year: 2026, month: 4)]?.coverage == 28.0 / 30)
        let history = try MonthlyHistory.combining([rps])
        // Kept: March–April, the longest run of consecutive months at 90 % or more (January and June stand alone).
        #expect(history.months == [YearMonth(year: 2026, month: 3), YearMonth(year: 2026, month: 4)])
        #expect(history.notes.contains("months dropped from the fits (rps covers less than 90 % of them): 2026-02 (36 %), 2026-05 (87 %), 2026-01 (not consecutive with 2026-03…2026-04), 2026-06 (not consecutive with 2026-03…2026-04)"))
        #expect(history.report.last == "coverage of the month by rps samples (timestamps × step ÷ the month): 2026-01 100 %, 2026-02 36 %, 2026-03 100 %, 2026-04 93 %, 2026-05 87 %, 2026-06 100 %")
    }

    @Test("7.5 minutes of data: a month covered 0.02 %, dropped; the calibration says there is nothing to fit")
    func minutes() throws {
        let rps = Self.export(.rps, step: 60, (0..<8).map { 1_000_000 + 60 * Double($0) }) { _ in 50 }
        let history = try MonthlyHistory.combining([rps])
        #expect(history.months.isEmpty)
        // 8 × 60 s ÷ 31 days = 0.018 %.
        #expect(history.notes == ["months dropped from the fits (rps covers less than 90 % of them): 2026-01 (0 %)"])
        #expect(throws: CalibrationError("nothing to fit, nothing written: months dropped from the fits (rps covers less than 90 % of them): 2026-01 (0 %); growth not fitted: rps.json has 0 usable months; growth fits 2 values (mean, volatility) from the changes between months and needs more changes than values: it takes at least 4 months")) {
            try Calibration.run(try try ValidatedModel(DefaultModel.load()), history: history, loadTest: nil)
        }
    }

    @Test("host memory from more series than nodes: averaged over the instances present, with a warning that says so; a coarse step warned")
    func hostSeries() throws {
        let hour = 3600.0, day = 86_400.0
        let times = (0..<(31 * 24)).map { Double($0) * hour }
        let rps = Self.export(.rps, step: hour, times) { _ in 10 }
        // Two instances at 1,000 and 3,000 MB: their sum 4,000 MB at each step, 2 present → 2,000 MB per node.
        var host = PrometheusExport(source: "host.json", metric: .hostMemory, samples: times.map { (Self.january + $0, 4000) },
                                    counts: Array(repeating: 2, count: times.count), seriesCount: 2,
                                    labels: [["instance": "node-1"], ["instance": "node-2"]], step: hour)
        let history = try MonthlyHistory.combining([rps, host], nodes: 1)
        #expect(history.hostMemoryMB == [2000])
        #expect(history.notes.first == "host_memory has 2 series (node-1, node-2) for a model of 1 node: they are averaged over the instances reporting at each step (memory per node), not summed; if they are other machines, query only this stack's nodes, or set host.nodes")
        host.seriesCount = 1
        host.labels = []
        let daily = Self.export(.rps, step: day, (0..<31).map { Double($0) * day }) { _ in 10 }
        let coarse = try MonthlyHistory.combining([daily])
        #expect(coarse.notes == ["step 1d: a month's peak is the highest of about 30 samples, so a peak between samples is missed and the peak factor comes out low; use a step of 1h or less"])
    }

    @Test("the streamed reader: any chunking gives the same export; warnings, escapes and labels read; a vector refused")
    func streaming() throws {
        let text = #"{"status":"success","warnings":["partial \"response\" \u00e9"],"data":{"resultType":"matrix","result":["#
            + #"{"values":[[1767225600,"1"],[1767225660,"NaN"]],"metric":{"instance":"a\/b"}},"#
            + #"{"metric":{},"values":[[1767225600,"2"],[1767225780.5,"3"]]}]}}"#
        let whole = try PrometheusExport.parse(text, file: "x.json", metric: .rps)
        #expect(whole.samples.map(\.value) == [3, 3] && whole.counts == [2, 1] && whole.skippedValues == 1)
        #expect(whole.warnings == ["partial \"response\" é"] && whole.labels == [["instance": "a/b"], [:]])
        // Step 60 s (the smallest spacing); 1767225600 → 1767225780.5 is 3 steps: 2 gaps.
        #expect(whole.step == 60 && whole.gaps == 2)
        for size in [1, 2, 7, 64] {
            let bytes = Array(text.utf8)
            var offset = 0
            let chunked = try PrometheusExport.read(file: "x.json", metric: .rps) {
                guard offset < bytes.count else { return nil }
                defer { offset += size }
                return Data(bytes[offset..<min(bytes.count, offset + size)])
            }
            #expect(chunked == whole, "chunks of \(size)")
        }
        #expect(throws: DataFileError(file: "v.json", message: "expected \"resultType\": \"matrix\" (a query_range response); got \"vector\"",
                                      hint: "use /api/v1/query_range, not /api/v1/query")) {
            try PrometheusExport.parse(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}"#,
                                       file: "v.json", metric: .rps)
        }
        #expect(throws: DataFileError(file: "b.json", message: "the response is not UTF-8 text")) {
            var bytes = Array(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"x"#.utf8)
            bytes += [0xFF] + Array(#""},"values":[[1,"1"]]}]}}"#.utf8)
            var sent = false
            return try PrometheusExport.read(file: "b.json", metric: .rps) { () -> Data? in
                if sent { return nil }
                sent = true
                return Data(bytes)
            }
        }
    }

    @Test("a spread shrunk to a third of the model's or less is warned with the horizon's host P90 before and after; a third and a bit is not")
    func shrunkSpread() throws {
        let model = try DefaultModel.load()  // growth sd 0.05
        func result(_ sd: Double) -> CalibrationResult {
            var after = model
            after.traffic.growth.sd = sd
            return CalibrationResult(model: after, original: model,
                                     fits: [CalibrationFit(name: "growth", source: "h.csv", count: 11, rSquared: nil,
                                                           values: [CalibratedValue(key: "traffic.growth.sd", previous: 0.05, value: sd, standardError: nil)],
                                                           notes: [])],
                                     warnings: [], sources: ["h.csv"], firstMonth: nil, lastMonth: nil)
        }
        let options = ForecastOptions(months: 12, paths: 4_000, threads: 1)
        #expect(Calibration.uncertaintyWarning(result(0.0167), options: options) == nil)
        let warning = try #require(Calibration.uncertaintyWarning(result(0.016), options: options))
        #expect(warning.hasPrefix("traffic.growth.sd 0.05 → 0.016: the calibrated uncertainty is a third of the model's or less"))
        let figures = warning.components(separatedBy: "host memory P90 in ")[1]
        let numbers = figures.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count == 2 && numbers[0] > numbers[1], "\(warning)")
    }
}
