internal import CLibvirt
public import PhoenixCore
import Synchronization

/// Serves the `vms` kind through libvirt's C API.
///
/// The handle of a VM is its libvirt domain UUID. The Phoenix id is kept in the domain's
/// `<metadata>`, so it survives a lost store. The id, disks and network (set at creation,
/// never changed by the driver) are cached per UUID so listing stays a constant number of
/// libvirt calls; `get` always reads them afresh and refreshes the cache.
public final class LibvirtDriver: ResourceDriver {
    /// What this instance supports.
    public let capabilities: DriverCapabilities
    /// The connection and its choke point.
    let connection: LibvirtConnection
    let options: LibvirtOptions
    let log: Log
    /// UUID → what the domain XML says that `list`'s bulk calls cannot (id, disks, network).
    let facts = Mutex<[String: DomainFacts]>([:])
    /// Runs updates and deletes of one domain one at a time.
    let serializer = KeyedSerializer()

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
        let facts = DomainFacts(live)
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
        ]
        facts.add(to: &fields)
        return DriverResource(handle: live.uuid, id: live.metadata?.id, name: live.name, status: status, fields: fields)
    }

    /// Caches what a full read found.
    func remember(_ resource: DriverResource) {
        let fresh = DomainFacts(resource)
        facts.withLock { $0[resource.handle] = fresh }
    }
}
