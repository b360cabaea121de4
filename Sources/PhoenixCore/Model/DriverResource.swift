/// One resource as a driver reports it.
///
/// `handle` is the driver's own stable key for the resource (a libvirt UUID, an LXC
/// container name, a unit name). The core maps handles to the API's integer ids; a driver
/// that keeps the Phoenix id in the backend itself (libvirt `<metadata>`, the LXC container
/// name) reports it as `id`, so the id survives a lost store.
public struct DriverResource: Sendable, Hashable {
    /// The driver's stable key.
    public var handle: String
    /// The Phoenix id recorded in the backend, if the driver keeps one there.
    public var id: Int?
    /// The API name.
    public var name: String
    /// The current status in the shared vocabulary.
    public var status: ResourceStatus
    /// Kind-specific fields (`cpus`, `memory_mb`, ...), as the API shows them.
    public var fields: [String: JSONValue]

    /// Creates a driver resource.
    public init(handle: String, id: Int? = nil, name: String, status: ResourceStatus, fields: [String: JSONValue] = [:]) {
        self.handle = handle
        self.id = id
        self.name = name
        self.status = status
        self.fields = fields
    }

    /// The API representation with the given id: `id`, `name`, `status`, then the fields.
    public func json(id: Int) -> JSONValue {
        var members = fields
        members["id"] = .int(id)
        members["name"] = .string(name)
        members["status"] = .string(status.rawValue)
        return .object(members)
    }
}
