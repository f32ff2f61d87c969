/// Why a deployment analysis cannot run.
public enum DeploymentOddsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ``DeploymentOddsOptions/problem`` found something out of range.
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .invalidOptions(let message): message
        }
    }
}
