import Foundation
import PhoenixApp

// Everything lives in PhoenixApp (tested in-process); C callbacks never live here.
let app = PhoenixApp(registry: BuiltinDrivers.registry, embeddedDefault: BuiltinDrivers.embeddedDefault)
exit(await app.run(Array(CommandLine.arguments.dropFirst())))
