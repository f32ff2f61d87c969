import Foundation

/// What an earlier review said, read back from its JSON (`capacity report --format
/// json`): the input of `capacity report --compare`.
public struct PreviousReview: Sendable, Equatable {
    public var model: String
    /// The calendar month the earlier review was written in.
    public var date: String
    public var worstStatus: String
    public var firstFailureResource: String?
    /// The calendar month of the first failure then (YYYY-MM).
    public var firstFailureDate: String?
    public var planBy: String?
    public var actBy: String?
    /// P(fail) of each resource in the last month of the earlier horizon, by label.
    public var pFailAtHorizon: [String: Double]
    public var deploymentSuccess: Double?
    public var availability: Double?
    /// The inputs the earlier review ran with (its JSON's `inputs`), by key; empty when it had none.
    public var inputs: [String: String] = [:]

    /// Reads a report JSON. Throws ``PreviousReviewError`` naming `file` when it is not
    /// one, or was written for another model than `model`.
    public init(json data: Data, file: String, model: String) throws(PreviousReviewError) {
        struct Document: Decodable {
            struct Summary: Decodable {
                var worst_status: String
                var first_failure_resource: String?
                var first_failure_date: String?
                var plan_by: String?
                var act_by: String?
                var p_fail_at_horizon: [String: Double]
                var deployment_success: Double?
                var availability: Double?
            }
            var model: String
            var date: String
            var summary: Summary
            var inputs: [String: String]?
        }
        struct Header: Decodable {
            var tool: String?
            var command: String?
        }
        if let header = try? JSONDecoder().decode(Header.self, from: data), let tool = header.tool,
           let command = header.command, tool != "capacity" || command != "report" {
            throw PreviousReviewError(file: file, reason: "is a `\(tool) \(command)` JSON, not a report; "
                + "write one with `capacity report --format json`")
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw PreviousReviewError(file: file, reason: "is not a report JSON written by `capacity report --format json` "
                + "(\(Self.describe(error)))")
        }
        guard document.model == model else {
            throw PreviousReviewError(file: file, reason: "is the review of model `\(document.model)`, not `\(model)`; "
                + "compare reviews of the same system")
        }
        self.model = document.model
        date = document.date
        inputs = document.inputs ?? [:]
        worstStatus = document.summary.worst_status
        firstFailureResource = document.summary.first_failure_resource
        firstFailureDate = document.summary.first_failure_date
        planBy = document.summary.plan_by
        actBy = document.summary.act_by
        pFailAtHorizon = document.summary.p_fail_at_horizon
        deploymentSuccess = document.summary.deployment_success
        availability = document.summary.availability
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}

/// A `--compare` file that cannot be used.
public struct PreviousReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public var description: String { "\(file): \(reason)" }
}
