/// Serves one kind through its driver: maps API ids to handles, validates request bodies
/// against the driver's capabilities before the driver is touched, and makes PUT of the
/// current state a no-op.
public struct ResourceController: Sendable {
    /// The members every resource has besides its driver fields.
    static let commonMembers: Set<String> = ["id", "name", "status"]

    /// The kind served.
    public let kind: ResourceKind
    /// The driver serving it.
    public let driver: any ResourceDriver
    private let index: any ResourceIndex

    /// Creates a controller.
    public init(kind: ResourceKind, driver: any ResourceDriver, index: any ResourceIndex) {
        self.kind = kind
        self.driver = driver
        self.index = index
    }

    var capabilities: DriverCapabilities { driver.capabilities }

    /// Every resource, ordered by id, with ids assigned to newly discovered ones.
    public func list() async throws -> [JSONValue] {
        try await identifiedResources().map { $0.resource.json(id: $0.id) }
    }

    /// `list()` as the JSON array bytes of the response, written straight from the
    /// driver's resources (`JSONWriter.resourceArray`).
    func listBody() async throws -> [UInt8] {
        JSONWriter.resourceArray(try await identifiedResources())
    }

    /// The driver's resources with their ids, ordered by id.
    private func identifiedResources() async throws -> [(id: Int, resource: DriverResource)] {
        let since = try index.sequence()
        let resources = try await driver.list()
        let ids = try index.reconcile(kind: kind, observed: resources.map { ($0.handle, $0.id) }, since: since)
        var identified: [(id: Int, resource: DriverResource)] = []
        identified.reserveCapacity(resources.count)
        for resource in resources {
            if let id = ids[resource.handle] { identified.append((id, resource)) }
        }
        identified.sort { $0.id < $1.id }
        return identified
    }

    /// One resource.
    /// - Throws: `notFound` when no resource of this kind has the id.
    public func get(id: Int) async throws -> JSONValue {
        try await current(id: id).resource.json(id: id)
    }

    /// Creates a resource from a POST body.
    /// - Returns: the id and the new resource.
    /// - Throws: `invalidField` for a bad body (nothing created), `conflict` for a taken id or name.
    public func create(body: [String: JSONValue]) async throws -> (id: Int, resource: JSONValue) {
        guard capabilities.canCreate else {
            throw PhoenixError.unsupported("creating \(kind.rawValue)", driver: capabilities.driver)
        }
        let spec = try validatedCreate(body)
        let id = try index.reserve(kind: kind, requested: body["id"]?.intValue)
        do {
            let created = try await driver.create(CreateSpec(id: id, name: spec.name, status: spec.status, fields: spec.fields))
            try index.bind(id: id, kind: kind, handle: created.handle)
            return (id, created.json(id: id))
        } catch {
            try? index.release(id: id)
            throw error
        }
    }

    /// Applies a PUT body. A body equal to the current state is a no-op.
    /// - Throws: `notFound`, `invalidField`, `invalidTransition`, `unsupported`, `conflict`.
    public func update(id: Int, body: [String: JSONValue]) async throws -> JSONValue {
        let (handle, resource) = try await current(id: id)
        let change = try validatedChange(body, id: id, current: resource)
        if change.isEmpty { return resource.json(id: id) }
        guard capabilities.canUpdate else {
            throw PhoenixError.unsupported("updating \(kind.rawValue)", driver: capabilities.driver)
        }
        if change.name != nil {
            switch capabilities.rename {
            case .never:
                throw PhoenixError.unsupported("renaming \(kind.rawValue)", driver: capabilities.driver)
            case .whileStopped where resource.status.isActive:
                throw PhoenixError(.conflict, "'\(resource.name)' must be stopped to be renamed.", field: "name")
            default: break
            }
        }
        if let target = change.status {
            _ = try capabilities.requireAction(from: resource.status, to: target)
        }
        let updated = try await driver.update(handle: handle, change: change)
        if updated.handle != handle {
            // Some backends key resources by name, so a rename moves the handle.
            try index.rebind(id: id, kind: kind, from: handle, to: updated.handle)
        }
        return updated.json(id: id)
    }

    /// Deletes a resource; an active one only with `force`.
    /// - Throws: `notFound`, `resourceRunning` (naming `?force=true`), `unsupported`.
    public func delete(id: Int, force: Bool) async throws {
        let (handle, resource) = try await current(id: id)
        guard capabilities.canDelete else {
            throw PhoenixError.unsupported("deleting \(kind.rawValue)", driver: capabilities.driver)
        }
        if resource.status.isActive, !force {
            throw PhoenixError(.resourceRunning,
                               "\(kind.singular.capitalizedFirst) \(id) ('\(resource.name)') is \(resource.status.rawValue); stop it first or retry with ?force=true.")
        }
        try await driver.delete(handle: handle, force: force)
        try index.release(id: id)
    }

    /// The handle and backend state of `id`, discovering it through a list when the index
    /// does not know it yet, and forgetting it when the backend no longer has it.
    private func current(id: Int) async throws -> (handle: String, resource: DriverResource) {
        var handle = try index.handle(for: id, kind: kind)
        if handle == nil {
            _ = try await list()
            handle = try index.handle(for: id, kind: kind)
        }
        guard let handle else { throw PhoenixError.notFound("\(kind.singular.capitalizedFirst) \(id)") }
        do {
            return (handle, try await driver.get(handle: handle))
        } catch let error as PhoenixError where error.code == .notFound {
            try? index.release(id: id)
            throw PhoenixError.notFound("\(kind.singular.capitalizedFirst) \(id)")
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
