import Foundation
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
    ///
    /// Uses `posix_spawn` and `waitpid` on the child's pid rather than `Process`: once
    /// libvirt's event loop runs in the process, `Process.waitUntilExit` was seen never to
    /// return for a script that starts daemons. Output goes to a file, not a pipe, so a
    /// daemon that keeps the descriptor cannot hold the read open.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("phoenix-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SetupFailure(output: "cannot run \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, text)
    }

    struct SetupFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "scripts/setup-libvirt.sh failed:\n\(output)" }
    }
}
