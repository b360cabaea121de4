import Dispatch

/// Runs blocking work (C library calls) on dispatch queues the caller owns, never on
/// Swift's cooperative thread pool, and bridges the result back with a continuation.
///
/// A concurrent executor gives each call a fresh serial queue instead of sharing one
/// concurrent queue: on Linux every concurrent dispatch queue feeds the same non-overcommit
/// pool, which runs only about two items per CPU at once (measured on 2 cores: 20 blocking
/// one-second calls took 5 s on a concurrent queue, 1 s on 20 serial queues). Serial queues
/// target the overcommit pool, which adds a thread while the others block. The number of
/// threads stays bounded by the requests in flight, which the HTTP server bounds.
public struct BlockingExecutor: Sendable {
    private let label: String
    private let serialQueue: DispatchQueue?

    /// Creates an executor.
    /// - Parameters:
    ///   - label: the label of its queues, shown in debuggers.
    ///   - concurrent: whether calls may overlap (only for thread-safe C handles); when
    ///     `false`, calls run one at a time in submission order.
    public init(label: String, concurrent: Bool = false) {
        self.label = label
        serialQueue = concurrent ? nil : DispatchQueue(label: label)
    }

    /// Runs `work` off the cooperative pool and returns its result.
    /// - Throws: whatever `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let queue = serialQueue ?? DispatchQueue(label: label)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
