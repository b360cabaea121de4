/// A validated request to create a resource.
public struct CreateSpec: Sendable, Hashable {
    /// The Phoenix id the core reserved for it; drivers that can, record it in the backend.
    public var id: Int
    /// The validated name (`NameRule`).
    public var name: String
    /// The status to reach after creation: `.stopped` (the default) or `.running`.
    public var status: ResourceStatus
    /// Kind-specific fields, validated against the driver's `FieldSpec`s, defaults applied.
    public var fields: [String: JSONValue]

    /// Creates a spec.
    public init(id: Int, name: String, status: ResourceStatus = .stopped, fields: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.status = status
        self.fields = fields
    }
}
