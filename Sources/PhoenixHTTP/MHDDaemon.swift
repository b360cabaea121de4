internal import CMicroHTTPD
internal import Glibc
import PhoenixCore

/// Starting libmicrohttpd: the one place that calls `MHD_start_daemon` and reads its error.
enum MHDDaemon {
    /// Starts a daemon bound to exactly `address`, with MHD's callbacks pointing at `core`.
    /// - Throws: `PhoenixError(.invalidConfig, field: "listen")` when the address is not an
    ///   IP literal or cannot be bound.
    static func start(address: ListenAddress, limits: HTTPLimits, core: UnsafeMutableRawPointer) throws -> OpaquePointer {
        let socketAddress = try SocketAddress(address)
        // Internal epoll thread pool; ITC so that resumed connections and quiesce wake the
        // pool at once; suspend/resume so handlers run in Swift tasks, not on MHD threads.
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue
            | MHD_USE_ITC.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        errno = 0
        let daemon = socketAddress.withSockaddr { sockaddr in
            phoenix_mhd_start_daemon(
                flags, sockaddr,
                UInt32(clamping: max(1, limits.threads)),
                UInt32(clamping: max(0, limits.connectionTimeoutSeconds)),
                UInt32(clamping: max(1, limits.connectionLimit)),
                { cls, connection, url, method, _, uploadData, uploadDataSize, requestState in
                    guard let connection, let url, let method, let uploadDataSize, let requestState else {
                        return .NO
                    }
                    return ServerCore.from(cls).access(
                        connection: connection, url: url, method: method, uploadData: uploadData,
                        uploadDataSize: uploadDataSize, requestState: requestState)
                },
                core,
                { cls, _, requestState, _ in
                    ServerCore.from(cls).completed(requestState: requestState)
                },
                core)
        }
        guard let daemon else {
            let code = errno
            let reason = code == 0 ? "libmicrohttpd refused the configuration" : String(cString: strerror(code))
            throw PhoenixError(.invalidConfig, "Cannot listen on \(address): \(reason).", field: "listen")
        }
        return daemon
    }
}
