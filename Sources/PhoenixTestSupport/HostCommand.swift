import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a host program (`virsh`, `lxc-ls`, a setup script) from a test and collects its output.
///
/// Uses `posix_spawn` and `waitpid` on the child's pid rather than `Process`: once libvirt's
/// event loop runs in the process, `Process.waitUntilExit` was seen never to return for a
/// script that starts daemons. Output goes to a file, not a pipe, so a daemon that keeps the
/// descriptor cannot hold the read open. (Tests may spawn processes; the server never forks.)
public enum HostCommand {
    /// A program that could not be started.
    public struct SpawnFailure: Error, CustomStringConvertible {
        /// The program.
        public var path: String
        /// posix_spawn's error number.
        public var code: Int32
        public var description: String { "cannot run \(path): error \(code)" }
    }

    /// Runs `path arguments…` to completion with stdin from /dev/null.
    /// - Parameter includeStandardError: whether stderr goes into `output` too.
    /// - Returns: the exit status (128 + signal for a killed child) and the output.
    /// - Throws: `SpawnFailure` when the program cannot be started.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String],
                           includeStandardError: Bool = false) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("phoenix-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if includeStandardError {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SpawnFailure(path: path, code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, output)
    }
}
