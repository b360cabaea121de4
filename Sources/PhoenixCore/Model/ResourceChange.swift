/// A validated request to change a resource. Only what differs from the current state is set.
public struct ResourceChange: Sendable, Hashable {
    /// The new name, if renaming.
    public var name: String?
    /// The status to reach (`running`, `stopped`, `paused`), if changing it.
    public var status: ResourceStatus?
    /// Kind-specific fields to change, validated against the driver's updatable `FieldSpec`s.
    public var fields: [String: JSONValue]

    /// Creates a change.
    public init(name: String? = nil, status: ResourceStatus? = nil, fields: [String: JSONValue] = [:]) {
        self.name = name
        self.status = status
        self.fields = fields
    }

    /// Whether the change asks for nothing.
    public var isEmpty: Bool { name == nil && status == nil && fields.isEmpty }
}
