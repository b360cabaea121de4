internal import CMicroHTTPD
internal import Glibc
public import PhoenixCore
import Synchronization

/// Phoenix's HTTP/1.1 server on libmicrohttpd.
///
/// MHD's thread pool does the socket I/O with epoll; each complete request is handed to
/// `handler` in a Swift task while its connection is suspended, so a slow handler never
/// holds an MHD thread. See `docs/http.md`.
public final class HTTPServer: Sendable {
    /// A running daemon. `@unchecked Sendable` because the pointer is only passed to
    /// `MHD_quiesce_daemon` and `MHD_stop_daemon`, each called once by whoever took the
    /// daemon out of `state` under its lock.
    private struct Running: @unchecked Sendable {
        let daemon: OpaquePointer
        let listenSocket: Int32
        let core: Unmanaged<ServerCore>
        let boundAddress: ListenAddress?
    }

    private enum State: Sendable {
        case idle
        case running(Running)
        case stopped
    }

    private let address: ListenAddress
    private let limits: HTTPLimits
    private let handler: any HTTPHandler
    private let log: Log
    private let state = Mutex(State.idle)

    /// Creates a server; nothing is bound until `start()`.
    /// - Parameters:
    ///   - address: the exact address to bind (never every interface); port 0 picks a free port.
    ///   - limits: body size, timeout, connection and thread limits.
    ///   - handler: answers every request (normally the router).
    ///   - log: receives one access-log line per request at `info` level.
    public init(address: ListenAddress, limits: HTTPLimits = HTTPLimits(), handler: any HTTPHandler, log: Log) {
        self.address = address
        self.limits = limits
        self.handler = handler
        self.log = log
    }

    deinit {
        if case .running(let running) = state.withLock({ $0 }) {
            // Dropped without shutdown: stop now rather than leave MHD calling into freed memory.
            Self.stop(running, quiescedSocket: nil, log: log)
        }
    }

    /// The address the listening socket is bound to, with the actual port; nil unless running.
    public var boundAddress: ListenAddress? {
        state.withLock { state in
            guard case .running(let running) = state else { return nil }
            return running.boundAddress
        }
    }

    /// The actual listening port (useful after binding port 0); nil unless running.
    public var port: Int? { boundAddress?.port }

    /// Binds the address and starts serving.
    /// - Throws: `PhoenixError(.invalidConfig, field: "listen")` when the host is not an IP
    ///   literal or the address cannot be bound (in use, not local); `.internalError` when
    ///   called twice.
    public func start() throws {
        try state.withLock { state in
            guard case .idle = state else {
                throw PhoenixError(.internalError, "The HTTP server was already started.")
            }
            let core = Unmanaged.passRetained(ServerCore(handler: handler, limits: limits, log: log))
            let daemon: OpaquePointer
            do {
                daemon = try MHDDaemon.start(address: address, limits: limits, core: core.toOpaque())
            } catch {
                core.release()
                throw error
            }
            let listenSocket = phoenix_mhd_listen_fd(daemon)
            let bound = SocketAddress.local(of: listenSocket)
            state = .running(Running(daemon: daemon, listenSocket: listenSocket, core: core, boundAddress: bound))
            log.info("listening on \(bound?.description ?? address.description)")
        }
    }

    /// Stops gracefully: refuses new connections at once, lets requests in flight finish
    /// for up to `grace`, answers those still running with 503, then stops the daemon.
    /// Returns immediately when the server is not running or another call is already
    /// shutting it down. Safe to call with requests suspended on their handlers.
    public func shutdown(grace: Duration) async {
        let taken: Running? = state.withLock { state in
            guard case .running(let running) = state else { return nil }
            state = .stopped
            return running
        }
        guard let running = taken else { return }
        let core = running.core.takeUnretainedValue()
        core.beginDraining()
        // Quiesce stops MHD's accept; shutting the socket down also makes the kernel refuse
        // new connections instead of queueing them in a backlog nobody reads. The socket
        // stays open until MHD_stop_daemon returned, as MHD requires.
        let quiesced = MHD_quiesce_daemon(running.daemon)
        if quiesced >= 0 {
            _ = Glibc.shutdown(quiesced, Int32(SHUT_RDWR))
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while core.liveRequestCount > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let failed = core.failPendingRequests()
        if failed > 0 {
            log.warning("shutdown: \(failed) request(s) still running after \(grace); answered 503")
            // Let the resumed connections send their 503 before the daemon closes them.
            let flushDeadline = clock.now.advanced(by: .seconds(1))
            while core.liveRequestCount > 0, clock.now < flushDeadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        Self.stop(running, quiescedSocket: quiesced >= 0 ? quiesced : nil, log: log)
    }

    /// Stops the daemon after making sure no connection is left suspended.
    /// - Parameter quiescedSocket: the listening socket `MHD_quiesce_daemon` handed back,
    ///   which is then ours to close (MHD closes it itself when not quiesced).
    private static func stop(_ running: Running, quiescedSocket: Int32?, log: Log) {
        let core = running.core.takeUnretainedValue()
        core.beginDraining()
        core.failPendingRequests()
        MHD_stop_daemon(running.daemon)
        if let quiescedSocket { _ = Glibc.close(quiescedSocket) }
        running.core.release()
        log.info("stopped listening")
    }
}
