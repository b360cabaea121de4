import PhoenixCore
import Foundation
import LXCBackend

extension LXCDriver {
    /// Makes a stopped busybox container named `name` in this driver's lxcpath with the
    /// host's own `lxc-create`, as an operator would behind Phoenix's back (no
    /// `phoenix.json`, network as configured for the driver). The conformance suite's
    /// discovery checks use it; `lxc-create` is started with `posix_spawn`, so the calling
    /// process never forks.
    /// - Returns: the handle the driver knows the container by (its LXC name).
    /// - Throws: `invalidField` for a name outside the name rule, `conflict` when the name is
    ///   taken, `backendFailure` when `lxc-create` fails (details in `helper.log`).
    public func createExternal(name: String) async throws -> String {
        try NameRule.validate(name, field: "name")
        try await executor.run { [self] in
            guard !FileManager.default.fileExists(atPath: options.lxcpath + "/" + name) else {
                throw PhoenixError(.conflict, "Container \(name) already exists.", field: "name")
            }
            // `-f` replaces /etc/lxc/default.conf, which asks for a bridge that may not exist.
            let configFile = helper.runDirectory + "/" + UUID().uuidString + ".conf"
            let lines = networkConfig().map { "\($0.key) = \($0.value)\n" }.joined()
            do {
                try Data(lines.utf8).write(to: URL(fileURLWithPath: configFile))
            } catch {
                throw PhoenixError(.backendFailure, "Could not write a config for lxc-create.", underlying: error)
            }
            defer { try? FileManager.default.removeItem(atPath: configFile) }
            try runTool("lxc-create", ["-P", options.lxcpath, "-n", name, "-t", "busybox", "-f", configFile])
        }
        return name
    }

    /// Destroys the container with `handle` (killing it first if it runs) with the host's
    /// own `lxc-destroy`, behind the driver's back. For the conformance suite.
    /// - Throws: `notFound` when there is no such container, `backendFailure` when
    ///   `lxc-destroy` fails.
    public func removeExternal(handle: String) async throws {
        try checkHandle(handle)
        try await executor.run { [self] in
            guard FileManager.default.fileExists(atPath: options.lxcpath + "/" + handle + "/config") else {
                throw notFound(handle)
            }
            try runTool("lxc-destroy", ["-P", options.lxcpath, "-n", handle, "-f"])
            CgroupLeftovers.remove(name: handle)
        }
    }

    /// Runs an `lxc-*` tool with `posix_spawn`, its output appended to `helper.log`. Blocking.
    /// - Throws: `backendUnavailable` when the tool is not installed, `timeout` after the
    ///   helper timeout, `backendFailure` on a non-zero exit.
    private func runTool(_ tool: String, _ arguments: [String]) throws {
        let directories = ["/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"]
        guard let executable = directories.map({ $0 + "/" + tool }).first(where: FileManager.default.isExecutableFile) else {
            throw PhoenixError(.backendUnavailable, "\(tool) is not installed (package lxc).")
        }
        let outcome = try ChildProcess.run(executable, arguments: arguments, outputFile: helper.helperLog,
                                           timeout: options.helperTimeout)
        switch outcome {
        case .exited(0): return
        case .timedOut: throw PhoenixError(.timeout, "\(tool) did not finish within \(options.helperTimeout) s.")
        default: throw PhoenixError(.backendFailure, "\(tool) failed (\(outcome)); see \(helper.helperLog).")
        }
    }
}
