import Dispatch
import Foundation
import PhoenixApp
import Synchronization

// Everything lives in PhoenixApp (tested in-process); C callbacks never live here.
//
// The commands run in a detached task while the main thread waits on a semaphore, instead
// of top-level `await`: with an async main the main thread parks inside libdispatch after
// `pthread_exit`, which valgrind 3.19 cannot follow, so phoenixd could not be profiled with
// callgrind (bench/callgrind-get.sh). Nothing in phoenixd runs on the main actor.
let arguments = Array(CommandLine.arguments.dropFirst())
let finished = DispatchSemaphore(value: 0)
let status = Mutex<Int32>(0)
Task.detached {
    // The conformance suite lives in PhoenixDriverKit; see ConformanceCommand.swift.
    let app = PhoenixApp(registry: BuiltinDrivers.registry, embeddedDefault: BuiltinDrivers.embeddedDefault,
                         extraCommands: ["conformance": ConformanceCLI.run])
    let code = await app.run(arguments)
    status.withLock { $0 = code }
    finished.signal()
}
finished.wait()
exit(status.withLock { $0 })
