import Foundation
@testable import PhoenixStore

/// A fresh directory under the system temp dir, removed when the test is done.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/phoenix-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A store in a `state` subdirectory (which the store creates).
    func openStore() throws -> PhoenixStore {
        try PhoenixStore.open(directory: stateDirectory)
    }

    var stateDirectory: String { path + "/state" }
}
