public import PhoenixCore

/// One named check of the resource protocol's contract.
///
/// A check first asks whether it applies: its requirement reads the driver's declared
/// capabilities (and whether the caller gave backend hooks) and returns the reason to skip,
/// so a check never silently does nothing.
public struct ConformanceCheck: Sendable {
    /// The stable name (`delete-running-requires-force`), used in reports and `--check`.
    public let name: String
    /// One line saying what a driver must do to pass.
    public let summary: String
    let requirement: @Sendable (DriverCapabilities, ConformanceConfiguration) -> String?
    let body: @Sendable (CheckContext) async throws -> String?

    init(_ name: String, _ summary: String,
         requires requirement: @escaping @Sendable (DriverCapabilities, ConformanceConfiguration) -> String? = Needs.nothing,
         _ body: @escaping @Sendable (CheckContext) async throws -> String?) {
        self.name = name
        self.summary = summary
        self.requirement = requirement
        self.body = body
    }

    /// Why the check does not apply to a driver with `capabilities`, or `nil` when it does.
    public func skipReason(for capabilities: DriverCapabilities, configuration: ConformanceConfiguration) -> String? {
        requirement(capabilities, configuration)
    }
}

/// Builders for check requirements, each naming the declaration that makes a check skip.
enum Needs {
    static let nothing: @Sendable (DriverCapabilities, ConformanceConfiguration) -> String? = { _, _ in nil }

    /// Needs create and delete (the suite must be able to remove what it makes), plus
    /// `update` and `actions` when given.
    static func resources(update: Bool = false, actions: [LifecycleAction] = [])
        -> @Sendable (DriverCapabilities, ConformanceConfiguration) -> String? {
        { capabilities, _ in reason(capabilities, update: update, actions: actions) }
    }

    static func reason(_ capabilities: DriverCapabilities, update: Bool = false, actions: [LifecycleAction] = []) -> String? {
        if !capabilities.canCreate { return "the driver declares canCreate = false" }
        if !capabilities.canDelete { return "the driver declares canDelete = false, so the suite could not remove what it creates" }
        if update, !capabilities.canUpdate { return "the driver declares canUpdate = false" }
        for action in actions where !capabilities.actions.contains(action) {
            return "the driver does not declare the '\(action.rawValue)' action"
        }
        return nil
    }

    /// The actions that take a new (stopped) resource to `status`.
    static func actions(toReach status: ResourceStatus) -> [LifecycleAction] {
        switch status {
        case .running: [.start]
        case .paused: [.start, .pause]
        default: []
        }
    }
}
