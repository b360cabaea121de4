/// Phoenix's configuration: where to listen, where state lives, which driver serves each kind,
/// and the HTTP limits.
public struct PhoenixConfig: Sendable, Hashable {
    /// `host:port` to bind (`127.0.0.1:8080`; `[::1]:8080` for IPv6).
    public var listen: String
    /// The directory holding the SQLite store and driver state.
    public var stateDirectory: String
    /// Per-kind driver selections; kinds left out use `defaultSelections`.
    public var kinds: [ResourceKind: DriverSelection]
    /// The largest accepted request body in bytes.
    public var maxBodyBytes: Int
    /// Seconds an idle connection is kept.
    public var connectionTimeoutSeconds: Int
    /// The most simultaneous connections.
    public var connectionLimit: Int
    /// HTTP worker threads.
    public var threads: Int
    /// Seconds a shutdown waits for in-flight requests.
    public var shutdownGraceSeconds: Int

    /// The selections of the embedded default, used for kinds a config leaves out.
    /// `phoenixd` sets these at startup (the fixture driver, or what the build registers).
    public var defaultSelections: [ResourceKind: DriverSelection]

    /// Creates a configuration with defaults.
    public init(listen: String = "127.0.0.1:8080", stateDirectory: String,
                kinds: [ResourceKind: DriverSelection] = [:],
                defaultSelections: [ResourceKind: DriverSelection] = [:],
                maxBodyBytes: Int = 1 << 20, connectionTimeoutSeconds: Int = 30,
                connectionLimit: Int = 1024, threads: Int = 4, shutdownGraceSeconds: Int = 30) {
        self.listen = listen
        self.stateDirectory = stateDirectory
        self.kinds = kinds
        self.defaultSelections = defaultSelections
        self.maxBodyBytes = maxBodyBytes
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.threads = threads
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }

    /// The selection in force for `kind`: the configured one, else the default, else `none`.
    public func selection(for kind: ResourceKind) -> DriverSelection {
        kinds[kind] ?? defaultSelections[kind] ?? DriverSelection(driver: DriverRegistry.noneDriver)
    }
}
