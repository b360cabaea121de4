/// What a driver instance supports, declared up front so the API and the conformance
/// suite read it instead of guessing (like Nomad's task-driver `Capabilities`).
public struct DriverCapabilities: Sendable, Hashable {
    /// Whether and when a resource can be renamed.
    public enum RenamePolicy: String, Sendable, Hashable {
        /// Names are fixed at creation.
        case never
        /// Only while the resource is stopped.
        case whileStopped = "while_stopped"
        /// At any time.
        case always
    }

    /// The registered driver name (`"fixture"`, `"libvirt"`).
    public var driver: String
    /// The kind this instance serves.
    public var kind: ResourceKind
    /// Whether `create` is supported.
    public var canCreate: Bool
    /// Whether `update` is supported (status, fields, name as declared below).
    public var canUpdate: Bool
    /// Whether `delete` is supported.
    public var canDelete: Bool
    /// The lifecycle actions `update` can perform; any other status change is `unsupported`.
    public var actions: Set<LifecycleAction>
    /// When renaming works.
    public var rename: RenamePolicy
    /// The kind-specific fields, their types and when they can be set.
    public var fields: [FieldSpec]
    /// Whether resources made in the backend outside Phoenix show up in `list`.
    public var discoversExternalResources: Bool

    /// Creates a capabilities value.
    public init(driver: String, kind: ResourceKind, canCreate: Bool = true, canUpdate: Bool = true,
                canDelete: Bool = true, actions: Set<LifecycleAction> = Set(LifecycleAction.allCases),
                rename: RenamePolicy = .always, fields: [FieldSpec] = [], discoversExternalResources: Bool = true) {
        self.driver = driver
        self.kind = kind
        self.canCreate = canCreate
        self.canUpdate = canUpdate
        self.canDelete = canDelete
        self.actions = actions
        self.rename = rename
        self.fields = fields
        self.discoversExternalResources = discoversExternalResources
    }

    /// The spec of field `name`, if the driver has one.
    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The action from `current` to `target`, checked against the declared actions.
    ///
    /// Drivers call this at the top of `update` so an undeclared transition fails the same
    /// way everywhere.
    /// - Returns: `nil` when nothing needs doing.
    /// - Throws: `invalidTransition` for an impossible transition, `unsupported` for an undeclared one.
    public func requireAction(from current: ResourceStatus, to target: ResourceStatus) throws -> LifecycleAction? {
        guard let action = try LifecycleAction.needed(from: current, to: target) else { return nil }
        guard actions.contains(action) else {
            throw PhoenixError.unsupported("the '\(action.rawValue)' action on \(kind.rawValue)", driver: driver)
        }
        return action
    }
}
