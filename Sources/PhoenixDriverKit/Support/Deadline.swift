import Synchronization

/// A driver call that did not return within its limit.
struct DeadlineExceeded: Error, CustomStringConvertible {
    var limit: Duration
    var description: String { "did not return within \(limit)" }
}

/// Runs `body` but gives up after `limit`, abandoning the call if the driver never returns.
///
/// A task group cannot do this: it waits for every child, so a driver that ignores
/// cancellation would hang the suite (and a CLI run on a live host) forever. Instead the
/// work runs in its own task and whichever of work, timer or cancellation comes first
/// resumes the caller.
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let gate = ResumeGate<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            gate.install(continuation)
            let work = Task {
                do { gate.finish(.success(try await body())) } catch { gate.finish(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled, gate.finish(.failure(DeadlineExceeded(limit: limit))) { work.cancel() }
            }
            gate.attach(work: work, timer: timer)
        }
    } onCancel: {
        gate.finish(.failure(CancellationError()))
    }
}

/// Resumes a continuation exactly once, whoever gets there first.
private final class ResumeGate<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var early: Result<T, any Error>?
        var done = false
        var tasks: [Task<Void, Never>] = []
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        // Cancellation can arrive before the continuation exists.
        if let early { continuation.resume(with: early) }
    }

    func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
        let finished = state.withLock { state in
            if !state.done { state.tasks = [work, timer] }
            return state.done
        }
        if finished { work.cancel(); timer.cancel() }
    }

    /// - Returns: whether this call was the one that resumed the caller.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let taken: Taken? = state.withLock { state in
            guard !state.done else { return nil }
            state.done = true
            if state.continuation == nil { state.early = result }
            let taken = Taken(continuation: state.continuation, tasks: state.tasks)
            state.continuation = nil
            state.tasks = []
            return taken
        }
        guard let taken else { return false }
        taken.continuation?.resume(with: result)
        for task in taken.tasks { task.cancel() }
        return true
    }

    private struct Taken {
        var continuation: CheckedContinuation<T, any Error>?
        var tasks: [Task<Void, Never>]
    }
}
