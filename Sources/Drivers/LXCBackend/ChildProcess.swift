public import PhoenixCore
import Glibc
internal import CLXC
import Dispatch
import Synchronization

/// Runs a program with `posix_spawn` (never `fork`, so it is safe from a multi-threaded
/// process) and waits for it. Blocking: call from a thread you own.
public enum ChildProcess {
    /// How a child ended.
    public enum Outcome: Sendable, Hashable {
        /// Exited with this status.
        case exited(Int32)
        /// Killed by this signal.
        case signalled(Int32)
        /// Killed by us after the timeout.
        case timedOut
    }

    /// Runs `executable` with `arguments`, stdin from /dev/null and stdout+stderr appended
    /// to `outputFile`, in its own process group, with no other descriptors inherited.
    /// - Parameters:
    ///   - timeout: seconds after which the process group is killed.
    /// - Throws: `PhoenixError` `backendUnavailable` when the program cannot be started.
    public static func run(_ executable: String, arguments: [String], outputFile: String,
                           environment: [String] = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"],
                           timeout: Int) throws(PhoenixError) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Descriptors of the server (sockets, the store) must not leak into containers.
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            let reason = String(cString: strerror(status))
            throw PhoenixError(.backendUnavailable, "Could not start \(executable): \(reason).")
        }
        return wait(for: pid, timeout: timeout)
    }

    private static func wait(for pid: pid_t, timeout: Int) -> Outcome {
        // `finished` is set (under the lock) once the child has exited but before it is
        // reaped, so the timeout can never signal a recycled pid.
        let state = Mutex<(finished: Bool, killed: Bool)>((false, false))
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeout)) {
            state.withLock { current in
                guard !current.finished else { return }
                current.killed = true
                kill(-pid, SIGKILL)
            }
        }
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        let killed = state.withLock { current in
            current.finished = true
            return current.killed
        }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        if killed { return .timedOut }
        if raw & 0x7f == 0 { return .exited((raw >> 8) & 0xff) }
        return .signalled(raw & 0x7f)
    }
}
