import Foundation
import PackagePlugin

/// `swift package conformance --kind KIND [--driver NAME --option K=V ... | --config FILE]`
///
/// A thin command plugin for driver authors: it builds `phoenixd` and runs its
/// `conformance` subcommand with the same arguments. All logic lives in PhoenixDriverKit,
/// which the test suite covers.
@main
struct ConformancePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "phoenixd")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["conformance"] + arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("conformance exited with status \(process.terminationStatus)")
        }
    }
}
