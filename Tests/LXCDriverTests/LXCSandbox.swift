import Foundation
import PhoenixTestSupport
import LXCDriver
import PhoenixCore
import Testing

/// A private lxcpath and state directory in a temp dir, a driver over them, and the host's
/// own LXC tools pointed at the same lxcpath to cross-check what the driver reports.
final class LXCSandbox: Sendable {
    let root: String
    let lxcpath: String
    let stateDirectory: String
    let driver: LXCDriver

    init(extraOptions: [String: JSONValue] = [:]) throws {
        root = NSTemporaryDirectory() + "phoenix-lxc-" + UUID().uuidString.prefix(8).lowercased()
        lxcpath = root + "/lxc"
        stateDirectory = root + "/state"
        var options: [String: JSONValue] = ["lxcpath": .string(lxcpath), "shutdown_grace_s": 3]
        options.merge(extraOptions) { _, new in new }
        driver = try LXCDriver(options: LXCDriverOptions(DriverOptions(options)), stateDirectory: stateDirectory)
    }

    /// Kills and destroys whatever the test left, then removes the temp dir.
    func tearDown() {
        for name in lxcLs() {
            _ = Self.run("/usr/bin/lxc-stop", ["-P", lxcpath, "-n", name, "-k"])
            _ = Self.run("/usr/bin/lxc-destroy", ["-P", lxcpath, "-n", name, "-f"])
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `lxc-ls -P` — the names the host's tools see.
    func lxcLs() -> [String] {
        Self.run("/usr/bin/lxc-ls", ["-P", lxcpath, "-1"]).output
            .split(whereSeparator: \.isNewline).map(String.init).sorted()
    }

    /// `lxc-info -sH`: the LXC state name the host's tools see.
    func lxcState(_ name: String) -> String {
        Self.run("/usr/bin/lxc-info", ["-P", lxcpath, "-n", name, "-sH"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `lxc-info -pH`: init's pid, if running.
    func lxcPID(_ name: String) -> Int? {
        Int(Self.run("/usr/bin/lxc-info", ["-P", lxcpath, "-n", name, "-pH"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs a command inside the container with `lxc-attach`.
    func attach(_ name: String, _ command: [String]) -> (status: Int32, output: String) {
        Self.run("/usr/bin/lxc-attach", ["-P", lxcpath, "-n", name, "--clear-env", "--"] + command)
    }

    /// Processes whose command line mentions this sandbox's lxcpath (helpers, monitors).
    func processesUsingLXCPath() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(lxcpath) ? "\(pid): \(line)" : nil
        }
    }

    /// `lxc.monitor.<name>`/`lxc.payload.<name>` cgroups anywhere in the cgroup mounts.
    static func leftoverCgroups(_ name: String) -> [String] {
        let roots = ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? [])
            .map { "/sys/fs/cgroup/" + $0 }
        return roots.flatMap { root in
            ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
                .filter { $0 == "lxc.monitor.\(name)" || $0 == "lxc.payload.\(name)" }
                .map { root + "/" + $0 }
        }
    }

    /// The memory limit the kernel holds for the cgroup of `pid` (v1 or unified).
    static func memoryLimit(ofPID pid: Int) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[1].split(separator: ",").contains("memory") {
                return try? String(contentsOfFile: "/sys/fs/cgroup/memory\(parts[2])/memory.limit_in_bytes", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if parts[1].isEmpty, FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") {
                return try? String(contentsOfFile: "/sys/fs/cgroup\(parts[2])/memory.max", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }

    /// Runs a host tool (tests may fork; the server may not) and returns status and stdout.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        (try? HostCommand.run(executable, arguments)) ?? (-1, "")
    }

    /// A random id range per sandbox, so suites running in parallel never share LXC names
    /// (cgroup names are global on the host).
    static func idBase() -> Int { Int.random(in: 1_000...9_000) * 100 }
}
