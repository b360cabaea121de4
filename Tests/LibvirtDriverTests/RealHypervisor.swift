import Foundation
import PhoenixTestSupport
import LibvirtDriver
import PhoenixCore

/// The real libvirtd + QEMU on this machine, brought up by `scripts/setup-libvirt.sh`.
///
/// The real-backend suites run when the tests run as root (as CI does) or when
/// `PHOENIX_REAL_BACKENDS=1`; the setup script runs once per test process.
enum RealHypervisor {
    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether the real-backend tests should run here.
    static let enabled: Bool = getuid() == 0 || ProcessInfo.processInfo.environment["PHOENIX_REAL_BACKENDS"] == "1"

    /// Where libvirtd writes its pid.
    static let pidFile = "/run/libvirtd.pid"

    /// Runs the setup script (idempotent: installs missing packages, starts the daemons).
    /// - Throws: when it fails.
    static func setUp() throws {
        let output = try run(repository.appendingPathComponent("scripts/setup-libvirt.sh").path, [])
        guard output.status == 0 else { throw SetupFailure(output: output.text) }
    }

    /// A unique prefix for domain names, so concurrent runs never touch each other's domains.
    static func uniquePrefix() -> String {
        "phoenix-test-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// A driver on `qemu:///system` with a short shutdown grace period.
    static func driver(stateDirectory: String, options: [String: JSONValue] = [:]) async throws -> LibvirtDriver {
        var values: [String: JSONValue] = ["uri": "qemu:///system", "shutdown_grace_s": 1]
        for (key, value) in options { values[key] = value }
        let context = DriverContext(kind: .vms, options: DriverOptions(values), stateDirectory: stateDirectory,
                                    log: Log(minimumLevel: .error))
        return try await LibvirtDriverFactory.make(context)
    }

    /// What `virsh domstate` says about a domain ("running", "paused", "shut off"), or
    /// `nil` when virsh cannot find it.
    static func domstate(_ name: String) throws -> String? {
        let output = try run("/usr/bin/virsh", ["-c", "qemu:///system", "domstate", name])
        return output.status == 0 ? output.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Destroys and undefines every domain whose name starts with `prefix` (test cleanup).
    static func removeDomains(prefix: String) {
        guard let listing = try? run("/usr/bin/virsh", ["-c", "qemu:///system", "list", "--all", "--name"]) else { return }
        for name in listing.text.split(separator: "\n").map(String.init) where name.hasPrefix(prefix) {
            _ = try? run("/usr/bin/virsh", ["-c", "qemu:///system", "destroy", name])
            _ = try? run("/usr/bin/virsh", ["-c", "qemu:///system", "undefine", name, "--managed-save", "--snapshots-metadata"])
        }
    }

    /// The pid libvirtd wrote, if it is running.
    static func libvirtdPID() -> pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0 else { return nil }
        return pid
    }

    /// Runs a program and collects its standard output and error.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let result = try HostCommand.run(path, arguments, includeStandardError: true)
        return (result.status, result.output)
    }

    struct SetupFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "scripts/setup-libvirt.sh failed:\n\(output)" }
    }
}
