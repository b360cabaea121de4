/// Backend hooks the caller gives the suite so it can check what the driver API alone
/// cannot: resources made or removed in the backend behind the driver's back.
///
/// For the fixture driver these are `insertExternal(name:status:)` and
/// `removeExternal(handle:)`; for a real driver, whatever makes a domain, container or unit
/// directly in the backend (`virsh define`, `lxc-create`, a unit file).
public struct ConformanceHooks: Sendable {
    /// Makes a stopped resource named `name` directly in the backend and returns the
    /// handle the driver will know it by.
    public var createExternal: (@Sendable (_ name: String) async throws -> String)?
    /// Removes the resource with `handle` directly in the backend.
    public var removeExternal: (@Sendable (_ handle: String) async throws -> Void)?

    /// Creates hooks; without them the discovery checks are skipped with that reason.
    public init(createExternal: (@Sendable (_ name: String) async throws -> String)? = nil,
                removeExternal: (@Sendable (_ handle: String) async throws -> Void)? = nil) {
        self.createExternal = createExternal
        self.removeExternal = removeExternal
    }
}
