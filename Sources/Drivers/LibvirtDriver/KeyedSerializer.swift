/// Runs operations that share a key one after another (in arrival order), and operations
/// with different keys concurrently.
///
/// Parallel updates of one domain would otherwise race between reading its state and
/// acting on it (two "start"s both seeing it stopped); serialized, each sees the result of
/// the one before.
actor KeyedSerializer {
    private var tails: [String: Task<Void, Never>] = [:]

    /// Runs `body` after every earlier operation on `key` has finished.
    func run<T: Sendable>(_ key: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tails[key]
        let task = Task<T, any Error> {
            await previous?.value
            return try await body()
        }
        let tail = Task<Void, Never> { _ = try? await task.value }
        tails[key] = tail
        let result = await task.result
        forget(key, tail)
        return try result.get()
    }

    private func forget(_ key: String, _ tail: Task<Void, Never>) {
        // Drop the entry only if no later operation has queued behind this one.
        if let current = tails[key], current == tail { tails[key] = nil }
    }
}
