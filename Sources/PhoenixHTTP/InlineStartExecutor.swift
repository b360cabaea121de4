internal import Glibc

/// The task executor of request handlers: runs a handler's first job at once on the
/// libmicrohttpd thread that dispatched the request, and everything after a real
/// suspension on Swift's global pool.
///
/// Most requests (an authenticated list, a health check) never suspend, so they are
/// answered inside the access callback without waking another thread twice — the hand-off
/// to the pool and back cost more than the handler itself (`docs/performance.md`). A
/// handler that waits (a driver's blocking call on its own queue, injected latency) gives
/// the MHD thread back at its first suspension, as before.
///
/// Only the job enqueued while the dispatching thread is armed runs inline; the flag is
/// per thread and cleared by the first enqueue, so a job enqueued later from the same
/// thread (another task resumed from inside the handler) is never run nested.
final class InlineStartExecutor: TaskExecutor {
    /// The per-thread flag: non-nil while `runStarting` is creating the task.
    private static let armed: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// Creates `Task(executorPreference: self)` running `operation`, running its first job
    /// on this thread before returning.
    func runStarting(_ operation: sending @escaping @isolated(any) () async -> Void) {
        let key = Self.armed
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        Task(executorPreference: self, operation: operation)
        pthread_setspecific(key, nil)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let key = Self.armed
        if pthread_getspecific(key) != nil {
            pthread_setspecific(key, nil)
            job.runSynchronously(on: asUnownedTaskExecutor())
        } else {
            globalConcurrentExecutor.enqueue(job)
        }
    }
}
