internal import CLXC
public import PhoenixCore
import Synchronization
import Glibc

/// Process-wide liblxc setup and queries.
public enum LXCLibrary {
    private static let logState = Mutex<String?>(nil)
    private static let forkingAllowed = Atomic<Bool>(false)

    /// The liblxc version string ("5.0.2").
    public static var version: String {
        guard let text = lxc_get_version() else { return "unknown" }
        return String(cString: text)
    }

    /// Sends liblxc's log of this process to `file` (never to stderr, so it cannot reach a
    /// client). liblxc's log is process-global: the first call wins, later calls with
    /// another file are ignored and the file in use is returned.
    /// - Parameters:
    ///   - file: absolute path of the log file (created if missing).
    ///   - level: liblxc level name (`"ERROR"`, `"WARN"`, `"INFO"`, `"DEBUG"`).
    /// - Returns: the file liblxc logs to.
    @discardableResult
    public static func initializeLog(file: String, level: String = "WARN") -> String {
        logState.withLock { current in
            if let current { return current }
            file.withCString { filePointer in
                level.withCString { levelPointer in
                    "phoenix".withCString { namePointer in
                        var log = lxc_log(name: namePointer, lxcpath: nil, file: filePointer,
                                          level: levelPointer, prefix: namePointer, quiet: true)
                        _ = lxc_log_init(&log)
                    }
                }
            }
            current = file
            return file
        }
    }

    /// Marks this process as the single-threaded helper, the only place where liblxc's
    /// forking operations (create, start, clone, destroy) may run.
    ///
    /// The server never calls this, so a forking call reached from the server trips a
    /// precondition instead of silently forking a multi-threaded process.
    public static func allowForkingOperations() {
        forkingAllowed.store(true, ordering: .sequentiallyConsistent)
    }

    static func requireForkingAllowed(_ operation: String) {
        precondition(forkingAllowed.load(ordering: .sequentiallyConsistent),
                     "liblxc \(operation) forks; it must run in phoenix-lxc-helper, not in the server")
    }

    /// The names of every container (defined or running) in `lxcpath`, in one pass.
    /// - Throws: `PhoenixError` `backendUnavailable` when the directory cannot be read.
    public static func allContainers(in lxcpath: String) throws(PhoenixError) -> [LXCContainer] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var objects: UnsafeMutablePointer<UnsafeMutablePointer<lxc_container>?>?
        let count = list_all_containers(lxcpath, &names, &objects)
        guard count >= 0 else {
            throw PhoenixError(.backendUnavailable, "liblxc could not list the containers in \(lxcpath).")
        }
        defer {
            for index in 0..<Int(count) { free(names?[index]) }
            free(names)
            free(objects)
        }
        var result: [LXCContainer] = []
        result.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            // Ownership of each reference passes to the wrapper, which puts it on deinit.
            guard let object = objects?[index] else { continue }
            result.append(LXCContainer(adopting: object))
        }
        return result
    }
}
