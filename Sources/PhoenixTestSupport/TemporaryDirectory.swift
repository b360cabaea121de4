import Foundation

/// A fresh directory under the system temp dir, removed when the last reference goes (or
/// earlier with `remove()`).
public final class TemporaryDirectory: Sendable {
    /// The absolute path.
    public let path: String

    /// Creates a fresh, empty directory whose name starts with `prefix`.
    public init(prefix: String = "phoenix-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        path = "\(base)/\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
