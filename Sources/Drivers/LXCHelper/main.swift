// phoenix-lxc-helper: runs the liblxc operations that fork (create, start, clone, destroy)
// on behalf of the LXC driver, so the multi-threaded server never forks. One operation
// per process; the result goes to the file named by --result as one JSON object.
import Foundation
import LXCBackend
import PhoenixCore

LXCLibrary.allowForkingOperations()
let outcome: JSONValue
do {
    let request = try HelperRequest(arguments: Array(CommandLine.arguments.dropFirst()))
    LXCLibrary.initializeLog(file: request.logFile)
    do {
        try HelperOperations.run(request)
        outcome = ["ok": true]
    } catch {
        outcome = ["ok": false, "code": .string(error.code.rawValue), "message": .string(error.message)]
    }
    HelperOperations.writeResult(outcome, to: request.resultFile)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
exit(outcome["ok"]?.boolValue == true ? 0 : 1)
