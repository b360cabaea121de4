/// The persistent map between API ids and driver handles, shared by all kinds so ids are
/// unique on the host (like Proxmox VMIDs). `PhoenixStore` implements it on SQLite.
public protocol ResourceIndex: Sendable {
    /// A counter that grows with every `bind`; take it before a `list` and pass it to
    /// `reconcile` so bindings made during the list are not dropped.
    func sequence() throws -> Int64

    /// Brings the map for `kind` in line with what the backend reported: known handles
    /// keep their ids, new handles get their `idHint` when it is free (or reserved for
    /// this kind) else the lowest free id ≥ 100, and handles no longer reported that were
    /// bound before `since` are dropped.
    /// - Returns: handle → id for every observed handle.
    func reconcile(kind: ResourceKind, observed: [(handle: String, idHint: Int?)], since: Int64) throws -> [String: Int]

    /// Reserves an id for a resource being created: `requested` if free, else the lowest
    /// free id ≥ 100.
    /// - Throws: `PhoenixError` `conflict` when `requested` is taken.
    func reserve(kind: ResourceKind, requested: Int?) throws -> Int

    /// Binds a reserved (or free) id to a handle, replacing any other id the handle had.
    func bind(id: Int, kind: ResourceKind, handle: String) throws

    /// Moves a bound id from one handle to another (a backend that keys resources by name
    /// changes the handle on rename), dropping any other id the new handle had.
    /// - Throws: `PhoenixError` `conflict` when `id` is not bound to `from` for `kind`.
    func rebind(id: Int, kind: ResourceKind, from: String, to: String) throws

    /// Forgets an id (after delete, or when a create failed).
    func release(id: Int) throws

    /// The handle bound to `id` for `kind`, if any.
    func handle(for id: Int, kind: ResourceKind) throws -> String?
}

/// One mutating request, for the audit log.
public struct AuditEntry: Sendable, Hashable {
    /// When it was answered (ISO 8601, UTC).
    public var time: String
    /// The key that made it, if authenticated.
    public var keyID: Int?
    /// The method.
    public var method: String
    /// The path.
    public var path: String
    /// The response status.
    public var status: Int

    /// Creates an entry.
    public init(time: String, keyID: Int?, method: String, path: String, status: Int) {
        self.time = time
        self.keyID = keyID
        self.method = method
        self.path = path
        self.status = status
    }
}

/// Where audit entries go. `PhoenixStore` implements it on SQLite.
public protocol AuditSink: Sendable {
    /// Records an entry; failures are logged, never thrown at the client.
    func record(_ entry: AuditEntry)
}
