import PhoenixCore

/// What the driver caches per domain UUID: the parts of the domain XML that the bulk list
/// calls do not return. All are set at creation and never changed through Phoenix; a change
/// made behind Phoenix's back shows in `list` after the next `get` of that VM.
struct DomainFacts: Sendable, Hashable {
    /// The Phoenix id from `<metadata>`, if any.
    var id: Int?
    /// Disk source paths.
    var disks: [String]
    /// The first interface's libvirt network.
    var network: String?

    /// The facts in a parsed domain description.
    init(_ description: DomainDescription) {
        id = description.metadata?.id
        disks = description.disks
        network = description.networks.first
    }

    /// The facts a resource reports.
    init(_ resource: DriverResource) {
        id = resource.id
        disks = resource.fields["disks"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        network = resource.fields["network"]?.stringValue
    }

    /// Adds `disks` and `network` to a resource's fields.
    func add(to fields: inout [String: JSONValue]) {
        fields["disks"] = .array(disks.map { .object(["path": .string($0)]) })
        fields["network"] = network.map(JSONValue.string) ?? .null
    }
}
