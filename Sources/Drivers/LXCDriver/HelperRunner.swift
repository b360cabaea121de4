import Foundation
import LXCBackend
import PhoenixCore

/// Runs forking liblxc operations in `phoenix-lxc-helper`, started with `posix_spawn`,
/// and turns its JSON result into success or a `PhoenixError`. Blocking: call it on the
/// driver's executor.
struct HelperRunner: Sendable {
    /// The helper executable.
    var executable: String
    /// liblxc's log file (shared with the server process).
    var lxcLog: String
    /// Where the helper's own stdout/stderr go.
    var helperLog: String
    /// A directory for result files.
    var runDirectory: String
    /// Seconds before the helper is killed.
    var timeout: Int

    /// Runs one operation.
    /// - Throws: the helper's `PhoenixError`, `backendUnavailable` when it cannot start,
    ///   `timeout` when it was killed.
    func run(_ verb: HelperRequest.Verb, lxcpath: String, name: String, template: String? = nil,
             rootfsSource: String? = nil, source: String? = nil,
             config: [HelperRequest.ConfigItem] = []) throws {
        let resultFile = runDirectory + "/" + UUID().uuidString + ".json"
        defer { try? FileManager.default.removeItem(atPath: resultFile) }
        let request = HelperRequest(verb: verb, lxcpath: lxcpath, name: name, logFile: lxcLog,
                                    resultFile: resultFile, template: template, rootfsSource: rootfsSource,
                                    source: source, config: config)
        let outcome = try ChildProcess.run(executable, arguments: request.arguments, outputFile: helperLog,
                                           timeout: timeout)
        if outcome == .timedOut {
            throw PhoenixError(.timeout, "liblxc did not \(verb.rawValue) container \(name) within \(timeout) s.")
        }
        guard let data = FileManager.default.contents(atPath: resultFile),
              let result = try? JSONValue.parse(Array(data)) else {
            throw PhoenixError(.backendFailure,
                               "The LXC helper ended (\(outcome)) without a result while trying to \(verb.rawValue) container \(name); see \(helperLog).")
        }
        if result["ok"]?.boolValue == true { return }
        let message = result["message"]?.stringValue ?? "The LXC helper failed to \(verb.rawValue) container \(name)."
        throw PhoenixError(Self.code(result["code"]?.stringValue), message)
    }

    /// The codes a helper may report; anything else is a backend failure.
    private static func code(_ raw: String?) -> PhoenixError.Code {
        switch raw {
        case "not_found": .notFound
        case "conflict": .conflict
        case "timeout": .timeout
        case "backend_unavailable": .backendUnavailable
        default: .backendFailure
        }
    }
}
