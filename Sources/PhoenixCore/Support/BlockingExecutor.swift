import Dispatch

/// Runs blocking work (C library calls) on a dispatch queue the caller owns, never on
/// Swift's cooperative thread pool, and bridges the result back with a continuation.
public struct BlockingExecutor: Sendable {
    private let queue: DispatchQueue

    /// Creates an executor over a new queue.
    /// - Parameters:
    ///   - label: the queue's label, shown in debuggers.
    ///   - concurrent: whether calls may overlap (only for thread-safe C handles).
    public init(label: String, concurrent: Bool = false) {
        queue = DispatchQueue(label: label, attributes: concurrent ? [.concurrent] : [])
    }

    /// Runs `work` on the executor's queue and returns its result.
    /// - Throws: whatever `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
