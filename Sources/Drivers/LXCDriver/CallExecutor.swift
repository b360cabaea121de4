import Dispatch
import PhoenixCore

/// Runs each blocking call (liblxc, or waiting for a helper) on a serial dispatch queue of
/// its own, off Swift's cooperative pool.
///
/// Why not one concurrent `BlockingExecutor`: on Linux every concurrent dispatch queue in the
/// process feeds the same non-overcommit thread pool, which runs only about two items per
/// CPU at once. Measured on a 2-core host: 20 blocking one-second items on a concurrent queue
/// took 5 s, on 20 serial queues 1 s. So 20 parallel starts ran four at a time, and a
/// `list` (or another driver's call) waited behind starts, helper creates and shutdown
/// grace periods of up to `shutdown_grace_s`. Serial queues target the overcommit pool,
/// which adds a thread while the others block. The number of threads is bounded by the
/// requests in flight, which the HTTP server's own pool bounds.
struct CallExecutor: Sendable {
    /// The label of each call's queue, shown in debuggers.
    let label: String

    /// Runs `work` on a fresh serial queue and returns its result.
    /// - Throws: whatever `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await BlockingExecutor(label: label).run(work)
    }
}
