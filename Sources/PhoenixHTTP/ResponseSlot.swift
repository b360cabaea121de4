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

/// Where a handler task leaves its response for libmicrohttpd to pick up after resume.
///
/// Filled exactly once — by the handler, or by shutdown with a 503 when the grace period
/// ran out — and whoever fills it resumes the connection, so a connection is resumed once.
final class ResponseSlot: Sendable {
    private enum State {
        case pending
        case ready(HTTPResponse)
        case taken
    }

    /// The suspended connection waiting on this slot.
    let connection: ConnectionHandle
    private let state = Mutex(State.pending)

    init(connection: ConnectionHandle) {
        self.connection = connection
    }

    /// Stores `response` if the slot is still empty; false if it was filled before.
    func fill(_ response: HTTPResponse) -> Bool {
        state.withLock { state in
            guard case .pending = state else { return false }
            state = .ready(response)
            return true
        }
    }

    /// Hands out the stored response once; nil if there is none (yet).
    func take() -> HTTPResponse? {
        state.withLock { state in
            guard case .ready(let response) = state else { return nil }
            state = .taken
            return response
        }
    }
}
