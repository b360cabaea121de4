public import PhoenixCore

/// The reference driver: keeps resources in memory, implements the whole lifecycle for any
/// kind, and can inject latency and failures per operation.
///
/// Every other driver is measured against it: the conformance suite must pass on it, and
/// the embedded default serves all three kinds through it.
public final class FixtureDriver: ResourceDriver {
    /// The registered name.
    public static let name = "fixture"

    /// The factory `phoenixd` registers.
    public static let factory = DriverFactory(
        name: name, kinds: Set(ResourceKind.allCases),
        summary: "in-memory reference driver with injectable latency and failures"
    ) { context in
        FixtureDriver(kind: context.kind, settings: try FixtureSettings(options: context.options, kind: context.kind))
    }

    public let capabilities: DriverCapabilities
    private let settings: FixtureSettings
    private let state: FixtureState

    /// Creates a driver serving `kind`.
    public init(kind: ResourceKind, settings: FixtureSettings = FixtureSettings()) {
        capabilities = DriverCapabilities(driver: Self.name, kind: kind, actions: settings.actions,
                                          rename: .always, fields: FixtureFields.specs(for: kind))
        self.settings = settings
        state = FixtureState(seed: settings.seed)
    }

    public func list() async throws -> [DriverResource] {
        try await inject(.list)
        return state.all()
    }

    public func get(handle: String) async throws -> DriverResource {
        try await inject(.get)
        return try state.resource(handle)
    }

    public func create(_ spec: CreateSpec) async throws -> DriverResource {
        try await inject(.create)
        let checked = try capabilities.validated(spec)
        return try state.insert(id: checked.id, name: checked.name, status: checked.status, fields: checked.fields)
    }

    public func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        try await inject(.update)
        try capabilities.validate(change)
        let capabilities = capabilities
        return try state.modify(handle) { resource in
            if let target = change.status {
                _ = try capabilities.requireAction(from: resource.status, to: target)
            }
            if let name = change.name { resource.name = name }
            resource.fields.merge(change.fields) { _, new in new }
            if let target = change.status { resource.status = target }
        }
    }

    public func delete(handle: String, force: Bool) async throws {
        try await inject(.delete)
        try state.remove(handle, force: force)
    }

    /// Adds a resource as if it had been made in the backend outside Phoenix (no id recorded).
    /// The conformance suite uses it to check discovery.
    public func insertExternal(name: String, status: ResourceStatus = .stopped) async throws -> String {
        let fields = try FieldSpec.validateMembers([:], against: capabilities.fields.filter { !$0.required },
                                                   applyDefaults: true)
        return try state.insert(id: nil, name: name, status: status, fields: fields).handle
    }

    /// Removes a resource as if it had been deleted in the backend outside Phoenix.
    public func removeExternal(handle: String) async throws {
        try state.remove(handle, force: true)
    }

    private func inject(_ operation: FixtureOperation) async throws {
        if let delay = settings.latency[operation] { try await Task.sleep(for: delay) }
        if let code = settings.failures[operation] {
            throw PhoenixError(code, "Injected failure of '\(operation.rawValue)' in the fixture driver.")
        }
    }
}
