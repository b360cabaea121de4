import Foundation
import PhoenixApp

// Everything lives in PhoenixApp (tested in-process); C callbacks never live here.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "conformance" {
    // The conformance suite lives in PhoenixDriverKit; see ConformanceCommand.swift.
    exit(await ConformanceCLI.run(Array(arguments.dropFirst())))
}
let app = PhoenixApp(registry: BuiltinDrivers.registry, embeddedDefault: BuiltinDrivers.embeddedDefault)
exit(await app.run(arguments))
