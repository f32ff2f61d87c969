import ArgumentParser
import CapacityKit

@main
struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Capacity planning and risk simulation for web-service stacks.",
        version: CapacityVersion.current,
        subcommands: [Forecast.self, Pools.self, Deploy.self, SLA.self, Timeline.self, Report.self, Calibrate.self,
                      BacktestCommand.self, Validate.self, Init.self]
    )
}
