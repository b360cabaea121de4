internal import CLibvirt
import Foundation
import PhoenixCore
import Synchronization

/// The driver's connection to libvirt: opens lazily, notices when it dies and reopens on
/// the next call, and runs every call on a queue it owns.
///
/// While the daemon is down, calls fail at once with `backendUnavailable`; reopening is
/// tried at most every `retryInterval` so an outage costs no more than a refused connect.
final class LibvirtConnection: Sendable {
    /// The libvirt URI.
    let uri: String
    /// Counts every call made through the choke point.
    let counter = LibvirtCallCounter()
    /// How long after a failed open the next attempt waits.
    let retryInterval: Duration

    private let executor = BlockingExecutor(label: "phoenix.libvirt", concurrent: true)
    private let state = Mutex(State())
    private let log: Log

    private struct State: ~Copyable {
        var handle: ConnectionHandle?
        var lastFailedOpen: ContinuousClock.Instant?
        var lastOpenError: PhoenixError?
        var closed = false
    }

    /// Creates a connection wrapper; nothing is opened until the first call.
    init(uri: String, log: Log, retryInterval: Duration = .milliseconds(500)) {
        LibvirtProcess.prepare()
        self.uri = uri
        self.log = log
        self.retryInterval = retryInterval
    }

    /// Runs `work` on the libvirt queue with an open connection.
    /// - Throws: `backendUnavailable` when no connection can be had or it died during the
    ///   call; otherwise whatever `work` throws.
    @discardableResult
    func run<T: Sendable>(_ work: @escaping @Sendable (LibvirtSession) throws -> T) async throws -> T {
        try await executor.run { try self.withSession(work) }
    }

    /// Opens the connection now (used at startup to fail early on a bad URI).
    func open() async throws {
        _ = try await run { _ in () }
    }

    /// Closes the connection; later calls fail with `backendUnavailable`.
    func close() async {
        _ = try? await executor.run {
            let handle = self.state.withLock { state -> ConnectionHandle? in
                state.closed = true
                defer { state.handle = nil }
                return state.handle
            }
            handle?.release()
        }
    }

    private func withSession<T>(_ work: (LibvirtSession) throws -> T) throws -> T {
        let handle = try acquire()
        defer { handle.release() }
        do {
            return try work(LibvirtSession(conn: handle.conn, counter: counter))
        } catch let error as PhoenixError {
            // Whatever libvirt said, a call on a connection that is no longer alive failed
            // because the daemon went away: report it as such and reopen next time.
            if virConnectIsAlive(handle.conn) != 1 || handle.closedByPeer.isSet {
                markDead(handle)
                throw PhoenixError(.backendUnavailable,
                                   "The libvirt connection to \(uri) was lost: \(error.message)", underlying: error)
            }
            throw error
        }
    }

    /// The open connection with an extra reference for the caller, opening it if needed.
    private func acquire() throws -> ConnectionHandle {
        try state.withLock { state in
            if state.closed { throw PhoenixError(.backendUnavailable, "The libvirt driver is closed.") }
            if let handle = state.handle {
                if !handle.closedByPeer.isSet && virConnectIsAlive(handle.conn) == 1 {
                    return handle.retained()
                }
                log.warning("libvirt connection to \(uri) is dead; reconnecting")
                state.handle = nil
                handle.release()
            }
            if let failed = state.lastFailedOpen, ContinuousClock.now - failed < retryInterval,
               let error = state.lastOpenError {
                throw error
            }
            do {
                let handle = try ConnectionHandle.open(uri: uri, counter: counter)
                state.handle = handle
                state.lastFailedOpen = nil
                state.lastOpenError = nil
                return handle.retained()
            } catch let error as PhoenixError {
                let unavailable = PhoenixError(.backendUnavailable,
                                               "Cannot connect to libvirt at \(uri): \(error.message)", underlying: error)
                state.lastFailedOpen = .now
                state.lastOpenError = unavailable
                throw unavailable
            }
        }
    }

    private func markDead(_ dead: ConnectionHandle) {
        let stale = state.withLock { state -> ConnectionHandle? in
            guard let handle = state.handle, handle.conn == dead.conn else { return nil }
            state.handle = nil
            return handle
        }
        stale?.release()
    }
}
