internal import CLibvirt
public import PhoenixCore
import Synchronization

/// Serves the `vms` kind through libvirt's C API.
///
/// The handle of a VM is its libvirt domain UUID. The Phoenix id is kept in the domain's
/// `<metadata>`, so it survives a lost store; the driver caches it per UUID (it never
/// changes once written) so listing stays a constant number of libvirt calls.
public final class LibvirtDriver: ResourceDriver {
    /// What this instance supports.
    public let capabilities: DriverCapabilities
    /// The connection and its choke point.
    let connection: LibvirtConnection
    let options: LibvirtOptions
    let log: Log
    /// UUID → Phoenix id from metadata (`nil`: the domain has none). UUIDs never change
    /// and only the driver writes the id, so entries never go stale.
    let ids = Mutex<[String: Int?]>([:])

    init(options: LibvirtOptions, log: Log) {
        self.options = options
        self.log = log
        connection = LibvirtConnection(uri: options.uri, log: log)
        capabilities = DriverCapabilities(
            driver: "libvirt", kind: .vms, actions: Set(LifecycleAction.allCases), rename: .whileStopped,
            fields: LibvirtFields.specs(defaultVcpus: options.defaultVcpus, defaultMemoryMB: options.defaultMemoryMB),
            discoversExternalResources: true)
    }

    /// The calls made through the choke point so far, by libvirt function (for tests).
    package var callCounts: [String: Int] { connection.counter.snapshot }

    /// Forgets the call counts (for tests).
    package func resetCallCounts() { connection.counter.reset() }

    /// One VM: name, status, vcpus, memory_mb, uuid, disks, network, autostart,
    /// persistent and pending_restart.
    /// - Throws: `notFound` for an unknown UUID; `backendUnavailable` when libvirt is down.
    public func get(handle: String) async throws -> DriverResource {
        let resource = try await connection.run { session in
            try session.withDomain(uuid: handle) { domain in try Self.describe(domain, session: session) }
        }
        remember(resource)
        return resource
    }

    /// Closes the libvirt connection.
    public func close() async {
        await connection.close()
    }

    /// Reads one domain in full (several calls; `list` uses the bulk path instead).
    static func describe(_ domain: OpaquePointer, session: LibvirtSession) throws -> DriverResource {
        let status = try session.status(of: domain)
        let live = try DomainDescription(xml: session.string("virDomainGetXMLDesc") { virDomainGetXMLDesc(domain, 0) })
        let persistent = try session.int("virDomainIsPersistent") { virDomainIsPersistent(domain) } == 1
        var autostart: Int32 = 0
        if persistent {
            try session.int("virDomainGetAutostart") { virDomainGetAutostart(domain, &autostart) }
        }
        var pendingRestart = false
        if persistent && status.isActive {
            let flags = UInt32(VIR_DOMAIN_XML_INACTIVE.rawValue)
            let config = try DomainDescription(xml: session.string("virDomainGetXMLDesc") {
                virDomainGetXMLDesc(domain, flags)
            })
            pendingRestart = config.vcpus != live.vcpus || config.memoryMB != live.memoryMB
        }
        var fields: [String: JSONValue] = [
            "vcpus": .int(live.vcpus),
            "memory_mb": .int(live.memoryMB),
            "uuid": .string(live.uuid),
            "autostart": .bool(autostart == 1),
            "persistent": .bool(persistent),
            "pending_restart": .bool(pendingRestart),
            "disks": .array(live.disks.map { .object(["path": .string($0)]) }),
        ]
        fields["network"] = live.networks.first.map { JSONValue.string($0) } ?? .null
        return DriverResource(handle: live.uuid, id: live.metadata?.id, name: live.name, status: status, fields: fields)
    }

    /// Caches the id a full read found.
    func remember(_ resource: DriverResource) {
        ids.withLock { $0[resource.handle] = .some(resource.id) }
    }
}
