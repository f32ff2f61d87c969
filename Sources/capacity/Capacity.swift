import ArgumentParser
import CapacityKit
import Foundation

@main
struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Capacity planning and risk simulation for web-service stacks.",
        version: CapacityVersion.current,
        subcommands: [Forecast.self, Pools.self, Workers.self, Deploy.self, SLA.self, Timeline.self, Sensitivity.self, Report.self, Calibrate.self,
                      BacktestCommand.self, Validate.self, Init.self]
    )

    /// Process-wide set-up, once, then the usual parse-and-run.
    static func main() {
        SignalCleanup.install()
        // The engine runs its own worker threads over chunks of paths; its BLAS
        // products are small, so OpenBLAS computes each in the calling thread,
        // and the worker threads it started when it loaded stop now instead of
        // spinning through the first 0.1 s of the run.
        BLAS.setThreadCount(1)
        BLAS.stopIdleThreads()
        main(nil)
    }
}
