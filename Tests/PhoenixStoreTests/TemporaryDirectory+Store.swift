import PhoenixStore
import PhoenixTestSupport

extension TemporaryDirectory {
    /// A store in a `state` subdirectory (which the store creates).
    func openStore() throws -> PhoenixStore {
        try PhoenixStore.open(directory: stateDirectory)
    }

    var stateDirectory: String { path + "/state" }
}
