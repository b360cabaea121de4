import PhoenixCore

/// A create request checked by the driver itself (the core validated the shapes already;
/// this repeats the checks that keep strings out of XML structure, and the rules the field
/// specs cannot express, such as "size_gb or path, not both").
struct CreateRequest: Sendable, Hashable {
    /// A disk to attach.
    enum DiskRequest: Sendable, Hashable {
        /// A new qcow2 image of this many GiB in the storage pool.
        case create(sizeGB: Int)
        /// An existing image.
        case existing(path: String)
    }

    var name: String
    var id: Int
    var vcpus: Int
    var memoryMB: Int
    var disks: [DiskRequest]
    var boot: DomainDefinition.Boot
    var network: String?
    var autostart: Bool
    var start: Bool

    /// Checks `spec` against the driver's declarations and the cross-field rules.
    /// - Throws: `invalidField` naming the offending path, `unsupported`.
    init(_ spec: CreateSpec, capabilities: DriverCapabilities) throws {
        let fields = try capabilities.validated(spec).fields
        name = spec.name
        id = spec.id
        start = spec.status == .running
        vcpus = fields["vcpus"]?.intValue ?? 1
        memoryMB = fields["memory_mb"]?.intValue ?? 512
        autostart = fields["autostart"]?.boolValue ?? false
        network = fields["network"]?.stringValue
        disks = try (fields["disks"]?.arrayValue ?? []).enumerated().map { index, value in
            let members = value.objectValue ?? [:]
            switch (members["size_gb"]?.intValue, members["path"]?.stringValue) {
            case (let size?, nil): return .create(sizeGB: size)
            case (nil, let path?): return .existing(path: path)
            default:
                throw PhoenixError.invalidField("disks[\(index)]", "'disks[\(index)]' needs exactly one of 'size_gb' or 'path'.")
            }
        }
        boot = try Self.boot(fields["boot"]?.objectValue)
    }

    private static func boot(_ members: [String: JSONValue]?) throws -> DomainDefinition.Boot {
        guard let members else { return .disk }
        let kernel = members["kernel"]?.stringValue
        if members["device"] != nil {
            guard kernel == nil, members["initrd"] == nil, members["cmdline"] == nil else {
                throw PhoenixError.invalidField("boot", "'boot' takes either 'device' or 'kernel', not both.")
            }
            return .disk
        }
        guard let kernel else {
            if members.isEmpty { return .disk }
            throw PhoenixError.invalidField("boot.kernel", "'boot.initrd' and 'boot.cmdline' need 'boot.kernel'.")
        }
        return .kernel(path: kernel, initrd: members["initrd"]?.stringValue, cmdline: members["cmdline"]?.stringValue)
    }
}
