/// Resource limits of the HTTP transport.
public struct HTTPLimits: Sendable, Hashable {
    /// The largest request body accepted; larger bodies get 413 without reaching the handler.
    public var maxBodyBytes: Int
    /// Seconds of inactivity after which an idle or stalled connection is closed.
    /// A request waiting on its handler does not time out.
    public var connectionTimeoutSeconds: Int
    /// The most connections open at once; further connections are closed on accept.
    public var connectionLimit: Int
    /// Threads in libmicrohttpd's pool that do socket I/O (handlers run on Swift's pool).
    public var threads: Int

    /// Creates limits; the defaults suit a host agent with a few clients.
    public init(maxBodyBytes: Int = 1 << 20, connectionTimeoutSeconds: Int = 30,
                connectionLimit: Int = 1024, threads: Int = 4) {
        self.maxBodyBytes = maxBodyBytes
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.threads = threads
    }
}
