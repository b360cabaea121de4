import PhoenixCore
import Synchronization

/// A connection pointer that may cross to the Swift task running the handler.
///
/// `@unchecked Sendable` because the only call made through it off libmicrohttpd's own
/// threads is `MHD_resume_connection`, which MHD documents as safe from any thread; and
/// `ServerCore` calls it at most once, while the connection is known to be suspended.
struct ConnectionHandle: @unchecked Sendable {
    let raw: OpaquePointer
}

/// Where a handler task leaves its response for libmicrohttpd to pick up.
///
/// A handler usually answers before its connection was suspended (it ran to the end on
/// the dispatching thread); then the response is queued at once and the connection is
/// never suspended. Otherwise the connection is suspended and the response is stored —
/// by the handler, or by shutdown with a 503 when the grace period ran out — and whoever
/// stores it resumes the connection, so a connection is resumed once. `ServerCore` makes
/// every transition under its registry lock, together with the suspend or resume call.
final class ResponseSlot: Sendable {
    private enum State {
        /// The handler is running and the connection is not suspended.
        case running
        /// The handler answered before the connection was suspended.
        case answeredEarly(HTTPResponse)
        /// The connection is suspended waiting for the handler.
        case suspended
        /// Answered while suspended; the connection was resumed to send it.
        case ready(HTTPResponse)
        /// The response was handed to libmicrohttpd, or dropped by shutdown.
        case taken
    }

    /// The connection waiting on this slot.
    let connection: ConnectionHandle
    private let state = Mutex(State.running)

    init(connection: ConnectionHandle) {
        self.connection = connection
    }

    /// Stores the handler's `response`.
    /// - Returns: true when the connection is suspended and must now be resumed.
    func answer(_ response: HTTPResponse) -> Bool {
        state.withLock { state in
            switch state {
            case .running:
                state = .answeredEarly(response)
                return false
            case .suspended:
                state = .ready(response)
                return true
            case .answeredEarly, .ready, .taken:
                return false
            }
        }
    }

    /// Called by the dispatching thread after starting the handler: hands out the response
    /// if the handler already answered, else marks the connection suspended and returns nil
    /// (the caller then suspends it, or calls `abandon` when shutdown forbids that).
    func responseOrSuspend() -> HTTPResponse? {
        state.withLock { state in
            if case .answeredEarly(let response) = state {
                state = .taken
                return response
            }
            state = .suspended
            return nil
        }
    }

    /// Gives up on the handler before the connection was suspended (shutdown began):
    /// its later answer is dropped.
    func abandon() {
        state.withLock { $0 = .taken }
    }

    /// Stores `response` for a suspended connection that has no answer yet.
    /// - Returns: true when stored (the caller then resumes the connection).
    func fail(with response: HTTPResponse) -> Bool {
        state.withLock { state in
            guard case .suspended = state else { return false }
            state = .ready(response)
            return true
        }
    }

    /// Hands out the stored response once, after resume; nil if there is none.
    func take() -> HTTPResponse? {
        state.withLock { state in
            guard case .ready(let response) = state else { return nil }
            state = .taken
            return response
        }
    }
}
