/// The one protocol every driver conforms to, whatever kind it serves.
///
/// A driver instance serves one kind on one host. It speaks in backend handles; the core
/// maps them to API ids, validates requests against `capabilities` before calling, and
/// turns errors into problems. Only `capabilities`, `list` and `get` are required; the rest
/// default to the uniform `unsupported` error, so an absent feature is loud, never silent.
///
/// Drivers must not run blocking C calls on Swift's cooperative pool: use a thread or
/// queue the driver owns (see `BlockingExecutor`).
public protocol ResourceDriver: Sendable {
    /// What this instance supports.
    var capabilities: DriverCapabilities { get }

    /// Every resource of the kind on this host, in one pass over the backend.
    /// - Throws: `PhoenixError` (`backendUnavailable` when the backend cannot be reached).
    func list() async throws -> [DriverResource]

    /// One resource.
    /// - Throws: `PhoenixError` `notFound` when the handle is unknown to the backend.
    func get(handle: String) async throws -> DriverResource

    /// Creates a resource and, when `spec.status == .running`, starts it.
    /// - Throws: `PhoenixError` (`conflict` for a taken name, `invalidField`, `unsupported`).
    func create(_ spec: CreateSpec) async throws -> DriverResource

    /// Applies a change: rename, field changes, then the status action.
    /// A change to the current state is a no-op that returns the resource.
    /// - Throws: `PhoenixError` (`notFound`, `unsupported` for an undeclared action,
    ///   `invalidTransition`, `conflict`).
    func update(handle: String, change: ResourceChange) async throws -> DriverResource

    /// Deletes a resource. An active resource is refused with `resourceRunning` unless
    /// `force`, which stops it first.
    /// - Throws: `PhoenixError` (`notFound`, `resourceRunning`).
    func delete(handle: String, force: Bool) async throws

    /// Releases backend connections; called once at shutdown.
    func close() async
}

extension ResourceDriver {
    public func create(_ spec: CreateSpec) async throws -> DriverResource {
        throw PhoenixError.unsupported("creating \(capabilities.kind.rawValue)", driver: capabilities.driver)
    }

    public func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        throw PhoenixError.unsupported("updating \(capabilities.kind.rawValue)", driver: capabilities.driver)
    }

    public func delete(handle: String, force: Bool) async throws {
        throw PhoenixError.unsupported("deleting \(capabilities.kind.rawValue)", driver: capabilities.driver)
    }

    public func close() async {}
}
