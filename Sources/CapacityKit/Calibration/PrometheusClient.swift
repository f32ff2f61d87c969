import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A server that cannot be reached, answers with an HTTP error, or does not answer in time.
public struct PrometheusServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No connection, a refused connection, a timeout, a name that does not resolve (sysexits 69).
        case unavailable
        /// HTTP 401 or 403: credentials missing or refused (sysexits 77).
        case permission
        /// Another HTTP 4xx: the server refused the request (a bad query: sysexits 65).
        case refused
        /// HTTP 5xx (sysexits 69).
        case serverError
    }

    public var kind: Kind
    public var url: String
    public var message: String

    public var description: String { "\(url): \(message)" }
}

/// Runs `/api/v1/query_range` on a Prometheus-compatible server (Prometheus, Thanos, Mimir,
/// VictoriaMetrics, Grafana Cloud: the same HTTP API, authentication by header) with
/// Foundation's URLSession. Each request times out after ``timeout`` seconds; a long range
/// is cut into requests of at most 11,000 points (``PrometheusQuery/windows(start:end:step:maximumPoints:)``).
/// Each response is held while it streams into the export's per-timestamp sums.
public struct PrometheusClient: Sendable {
    /// The server's base URL, with any path prefix (`https://host/prometheus`, `…/api/prom`).
    public var baseURL: String
    /// Extra request headers (e.g. `Authorization: Bearer …`, `X-Scope-OrgID: team`).
    public var headers: [(name: String, value: String)]
    public var timeout: Double

    public init(baseURL: String, headers: [(name: String, value: String)] = [], timeout: Double = 60) {
        self.baseURL = baseURL
        self.headers = headers
        self.timeout = timeout
    }

    /// The URL of one range request.
    func requestURL(query: String, start: Double, end: Double, step: Double) -> URL? {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard var components = URLComponents(string: base + "/api/v1/query_range") else { return nil }
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int64(value)) : String(value) }
        components.queryItems = [URLQueryItem(name: "query", value: query), URLQueryItem(name: "start", value: number(start)),
                                 URLQueryItem(name: "end", value: number(end)), URLQueryItem(name: "step", value: number(step))]
        // `+` is a space in a query string: PromQL's `+` must travel encoded.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url
    }

    /// The body of a GET of `url`, or the error: unreachable, timed out, or an HTTP status ≥ 400
    /// with the server's own error message (Prometheus' `error` field, else the body's start).
    func get(_ url: URL) throws(PrometheusServerError) -> Data {
        final class Outcome: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        for header in headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.data = data
            outcome.response = response
            outcome.error = error
            done.signal()
        }.resume()
        done.wait()
        let shown = baseURL
        if let error = outcome.error {
            let nsError = error as NSError
            let reason = nsError.code == NSURLErrorTimedOut ? "no answer within \(PrometheusQuery.duration(timeout)) (timed out)"
                : (nsError.userInfo[NSLocalizedDescriptionKey] as? String ?? error.localizedDescription)
            throw PrometheusServerError(kind: .unavailable, url: shown, message: "cannot reach the server: \(reason)")
        }
        guard let response = outcome.response as? HTTPURLResponse else {
            throw PrometheusServerError(kind: .unavailable, url: shown, message: "no HTTP response")
        }
        let data = outcome.data ?? Data()
        guard response.statusCode < 400 else {
            var detail = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let error = object["error"] as? String {
                detail = (object["errorType"] as? String).map { "\($0): \(error)" } ?? error
            }
            let kind: PrometheusServerError.Kind = response.statusCode == 401 || response.statusCode == 403 ? .permission
                : response.statusCode < 500 ? .refused : .serverError
            let status = "HTTP \(response.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: response.statusCode))"
            throw PrometheusServerError(kind: kind, url: shown, message: "the server answered \(status)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        return data
    }

    /// Runs `queries` over [start, end] at `step` and returns one export per metric: a split
    /// query (`memory.*`) gives one per label value that names a service of `model`. Also
    /// returns notes (label values that name no service, default queries with no series).
    public func exports(_ queries: [PrometheusQuery], model: Model, start: Double, end: Double, step: Double)
        throws -> (exports: [PrometheusExport], notes: [String]) {
        let windows = PrometheusQuery.windows(start: start, end: end, step: step)
        guard !windows.isEmpty else {
            throw CalibrationError("--range is shorter than one --step (\(PrometheusQuery.duration(step)))")
        }
        var exports: [PrometheusExport] = []
        var notes: [String] = []
        let services = Set(model.services.map(\.name))
        let taken = Set(queries.compactMap { query -> String? in
            if case .memory(let service) = query.metric { return service } else { return nil }
        })
        for query in queries {
            let source = "\(query.name) from \(baseURL)"
            var groups: [String: PrometheusExport.Accumulator] = [:]
            var warnings: [String] = []
            for window in windows {
                guard let url = requestURL(query: query.promQL, start: window.start, end: window.end, step: step) else {
                    throw PrometheusServerError(kind: .refused, url: baseURL, message: "not a URL")
                }
                let data = try get(url)
                var sent = false
                let summary = try PrometheusExport.readSummary(file: source, chunks: {
                    if sent { return nil }
                    sent = true
                    return data
                }) { labels in
                    let key = query.splitLabel.map { labels[$0] ?? "" } ?? ""
                    if let existing = groups[key] { return existing }
                    let accumulator = PrometheusExport.Accumulator()
                    groups[key] = accumulator
                    return accumulator
                }
                warnings += summary.warnings.filter { !warnings.contains($0) }
            }
            if groups.isEmpty {
                if query.given || query.metric == .rps {
                    throw DataFileError(file: source, message: "the query `\(query.promQL)` returned no series over the range",
                                        hint: "check its metric name and label matchers in Prometheus' expression browser")
                }
                notes.append("\(query.name): the default query `\(query.promQL)` returned no series; not used")
                continue
            }
            if let label = query.splitLabel {
                let unknown = groups.keys.filter { !services.contains($0) }.sorted()
                let ignored = groups.keys.filter { taken.contains($0) }.sorted()
                if !unknown.isEmpty {
                    notes.append("\(query.name): \(label) \(unknown.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")) name\(unknown.count == 1 ? "s" : "") no service of the model; not used (give --query memory.<service>=PROMQL to map one)")
                }
                if !ignored.isEmpty {
                    notes.append("\(query.name): \(label) \(ignored.joined(separator: ", ")) taken from its own --query instead")
                }
                for (name, accumulator) in groups.sorted(by: { $0.key < $1.key }) where services.contains(name) && !taken.contains(name) {
                    exports.append(try accumulator.export(source: "memory.\(name) from \(baseURL)", metric: .memory(service: name),
                                                          step: step, warnings: warnings, query: query.promQL))
                }
            } else if let metric = query.metric {
                exports.append(try groups[""]!.export(source: source, metric: metric, step: step, warnings: warnings,
                                                      query: query.promQL))
            }
        }
        return (exports, notes)
    }
}
