import PhoenixCore
import Foundation

/// Creates the store's directory and file with private permissions before SQLite touches
/// them; SQLite gives its `-wal` and `-shm` files the database file's mode.
enum FileSetup {
    /// Creates `path` (and parents) with mode 0700 if it does not exist.
    static func makePrivateDirectory(_ path: String) throws(PhoenixError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PhoenixError(.invalidConfig, "The state directory \(path) exists and is not a directory.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw PhoenixError(.invalidConfig, "The state directory \(path) cannot be created.", underlying: error)
        }
        // The umask may have narrowed the mode; make it exactly 0700.
        guard chmod(path, 0o700) == 0 else {
            throw PhoenixError(.invalidConfig, "The state directory \(path) cannot be made private (errno \(errno)).")
        }
    }

    /// Creates the empty file `path` with mode 0600 if it does not exist.
    static func makePrivateFile(_ path: String) throws(PhoenixError) {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PhoenixError(.invalidConfig, "The state database \(path) cannot be created (errno \(errno)).")
        }
        close(fd)
    }
}
