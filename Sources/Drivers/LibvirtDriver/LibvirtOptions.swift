import Foundation
import PhoenixCore

/// The libvirt driver's configuration, read from the `options` object.
struct LibvirtOptions: Sendable, Hashable {
    /// Every option the driver knows.
    static let known: Set<String> = ["uri", "domain_type", "storage_pool", "shutdown_grace_s",
                                     "default_memory_mb", "default_vcpus"]

    /// The libvirt URI.
    var uri: String
    /// The `<domain type=...>` of new domains (`kvm`, `qemu`, or `test` for `test:///`).
    var domainType: String
    /// The storage pool for disks created by size.
    var storagePool: String
    /// How long a graceful shutdown may take before the domain is destroyed.
    var shutdownGrace: Duration
    /// Memory of a new domain when the request gives none, in MiB.
    var defaultMemoryMB: Int
    /// vCPUs of a new domain when the request gives none.
    var defaultVcpus: Int
    /// Where the driver may keep files (the directory of a pool it creates).
    var stateDirectory: String

    /// Reads and checks the options.
    /// - Throws: `invalidConfig` naming the offending option.
    init(_ options: DriverOptions, stateDirectory: String) throws {
        try options.rejectUnknown(Self.known)
        uri = try options.string("uri", default: "qemu:///system")!
        guard !uri.isEmpty, uri.contains(":") else { throw options.error("uri", "Option 'uri' must be a libvirt URI.") }
        let isTest = uri.hasPrefix("test:")
        let requestedType = try options.string("domain_type")
        if let requestedType, !["kvm", "qemu"].contains(requestedType) {
            throw options.error("domain_type", "Option 'domain_type' must be 'kvm' or 'qemu'.")
        }
        domainType = isTest ? "test" : (requestedType ?? (Self.kvmUsable() ? "kvm" : "qemu"))
        storagePool = try options.string("storage_pool", default: "default")!
        guard NameRule.isValid(storagePool) else {
            throw options.error("storage_pool", "Option 'storage_pool' must match \(NameRule.pattern).")
        }
        let grace = try options.int("shutdown_grace_s", default: 30)!
        guard (0...3600).contains(grace) else {
            throw options.error("shutdown_grace_s", "Option 'shutdown_grace_s' must be between 0 and 3600.")
        }
        shutdownGrace = .seconds(grace)
        defaultMemoryMB = try options.int("default_memory_mb", default: 512)!
        guard (16...1_048_576).contains(defaultMemoryMB) else {
            throw options.error("default_memory_mb", "Option 'default_memory_mb' must be between 16 and 1048576.")
        }
        defaultVcpus = try options.int("default_vcpus", default: 1)!
        guard (1...64).contains(defaultVcpus) else {
            throw options.error("default_vcpus", "Option 'default_vcpus' must be between 1 and 64.")
        }
        self.stateDirectory = stateDirectory
    }

    /// Whether this process can open `/dev/kvm` for reading and writing.
    static func kvmUsable() -> Bool {
        let descriptor = Foundation.open("/dev/kvm", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        Foundation.close(descriptor)
        return true
    }
}
