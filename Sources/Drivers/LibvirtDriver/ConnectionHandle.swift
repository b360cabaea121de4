internal import CLibvirt
import PhoenixCore
import Synchronization

/// One open `virConnectPtr` plus the flag its close callback sets.
///
/// `@unchecked Sendable`: a `virConnectPtr` may be used from several threads at once
/// (libvirt locks internally), and it is reference-counted, so each user holds its own
/// reference (`retained`/`release`) and a reconnect never frees a connection in use.
final class ConnectionHandle: @unchecked Sendable {
    /// The connection.
    let conn: OpaquePointer
    /// Set by libvirt's close callback when the daemon closes the connection.
    let closedByPeer: CloseFlag

    private init(conn: OpaquePointer, closedByPeer: CloseFlag) {
        self.conn = conn
        self.closedByPeer = closedByPeer
    }

    /// Opens `uri`, registers the close callback and, for remote daemons, keepalive.
    /// - Throws: `PhoenixError` from the choke point.
    static func open(uri: String, counter: LibvirtCallCounter) throws -> ConnectionHandle {
        counter.record("virConnectOpen")
        virResetLastError()
        guard let conn = virConnectOpen(uri) else {
            let error = virGetLastError()
            throw LibvirtErrorMapping.error(number: error?.pointee.code ?? -1,
                                            message: error?.pointee.message.map { String(cString: $0) },
                                            operation: "virConnectOpen")
        }
        let flag = CloseFlag()
        let session = LibvirtSession(conn: conn, counter: counter)
        // The test driver has no close callback or keepalive; it is in-process and never dies.
        if !uri.hasPrefix("test:") {
            let opaque = Unmanaged.passRetained(flag).toOpaque()
            do {
                try session.int("virConnectRegisterCloseCallback") {
                    virConnectRegisterCloseCallback(conn, { _, _, opaque in
                        guard let opaque else { return }
                        Unmanaged<CloseFlag>.fromOpaque(opaque).takeUnretainedValue().set()
                    }, opaque, { opaque in
                        guard let opaque else { return }
                        Unmanaged<CloseFlag>.fromOpaque(opaque).release()
                    })
                }
            } catch {
                Unmanaged<CloseFlag>.fromOpaque(opaque).release()
            }
            // Ping every 5 s, give up after 3 unanswered pings: a hung daemon is noticed in ~20 s.
            _ = try? session.int("virConnectSetKeepAlive") { virConnectSetKeepAlive(conn, 5, 3) }
        }
        return ConnectionHandle(conn: conn, closedByPeer: flag)
    }

    /// Takes one more reference for a caller.
    func retained() -> ConnectionHandle {
        virConnectRef(conn)
        return self
    }

    /// Drops one reference; the last one closes the connection.
    func release() {
        virConnectClose(conn)
    }
}

/// A flag libvirt's close callback sets from the event thread.
final class CloseFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Whether the daemon closed the connection.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Marks the connection closed.
    func set() { value.store(true, ordering: .releasing) }
}
