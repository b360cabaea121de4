internal import CLibvirt
import Foundation
public import PhoenixCore

extension LibvirtDriver {
    /// Every domain, with vcpus, memory_mb, uuid, autostart and persistent.
    ///
    /// Cost: `virConnectGetAllDomainStats` (state, balloon, vcpu) plus two filtered
    /// `virConnectListAllDomains` (autostart, persistent) — three calls for any number of
    /// domains. Two per-domain calls remain, both bounded: `virDomainGetMetadata` once per
    /// UUID the driver has not seen before (the id is cached), and `virDomainGetInfo` for
    /// records without balloon/vcpu stats, which only libvirt's in-process test driver
    /// produces (there it is a function call, not a round trip).
    /// - Throws: `backendUnavailable` when libvirt is down.
    public func list() async throws -> [DriverResource] {
        let known = ids.withLock { $0 }
        let (resources, learned) = try await connection.run { session in
            try Self.listAll(session: session, knownIDs: known)
        }
        if !learned.isEmpty {
            ids.withLock { cache in
                for (uuid, id) in learned { cache[uuid] = .some(id) }
            }
        }
        return resources
    }

    private static func listAll(session: LibvirtSession, knownIDs: [String: Int?]) throws
        -> (resources: [DriverResource], learned: [String: Int?]) {
        let stats = UInt32(VIR_DOMAIN_STATS_STATE.rawValue | VIR_DOMAIN_STATS_BALLOON.rawValue
                           | VIR_DOMAIN_STATS_VCPU.rawValue)
        var records: UnsafeMutablePointer<virDomainStatsRecordPtr?>? = nil
        let count = try session.int("virConnectGetAllDomainStats") {
            virConnectGetAllDomainStats(session.conn, stats, &records, 0)
        }
        defer { virDomainStatsRecordListFree(records) }
        let autostart = try session.uuids(flags: UInt32(VIR_CONNECT_LIST_DOMAINS_AUTOSTART.rawValue))
        let persistent = try session.uuids(flags: UInt32(VIR_CONNECT_LIST_DOMAINS_PERSISTENT.rawValue))

        var resources: [DriverResource] = []
        resources.reserveCapacity(Int(count))
        var learned: [String: Int?] = [:]
        for index in 0..<Int(count) {
            guard let record = records?[index]?.pointee, let domain = record.dom else { continue }
            let uuid = session.uuid(of: domain)
            var state: Int32 = 0
            var reason: Int32 = 0
            var maxMemoryKiB: UInt64 = 0
            var vcpus: UInt32 = 0
            _ = virTypedParamsGetInt(record.params, record.nparams, "state.state", &state)
            _ = virTypedParamsGetInt(record.params, record.nparams, "state.reason", &reason)
            let hasBalloon = virTypedParamsGetULLong(record.params, record.nparams, "balloon.maximum", &maxMemoryKiB) == 1
            let hasVcpu = virTypedParamsGetUInt(record.params, record.nparams, "vcpu.current", &vcpus) == 1
            if !hasBalloon || !hasVcpu {
                var info = virDomainInfo()
                try session.int("virDomainGetInfo") { virDomainGetInfo(domain, &info) }
                if !hasBalloon { maxMemoryKiB = UInt64(info.maxMem) }
                if !hasVcpu { vcpus = UInt32(info.nrVirtCpu) }
            }
            let id: Int?
            if let cached = knownIDs[uuid] {
                id = cached
            } else {
                id = try session.phoenixID(of: domain)
                learned[uuid] = .some(id)
            }
            let fields: [String: JSONValue] = [
                "vcpus": .int(Int(vcpus)),
                "memory_mb": .int(Int(maxMemoryKiB / 1024)),
                "uuid": .string(uuid),
                "autostart": .bool(autostart.contains(uuid)),
                "persistent": .bool(persistent.contains(uuid)),
            ]
            resources.append(DriverResource(handle: uuid, id: id, name: session.name(of: domain),
                                            status: DomainState.status(state: state, reason: reason), fields: fields))
        }
        return (resources, learned)
    }
}

extension LibvirtSession {
    /// The UUIDs of the domains matching `flags` (`VIR_CONNECT_LIST_DOMAINS_*`), in one call.
    func uuids(flags: UInt32) throws -> Set<String> {
        var domains: UnsafeMutablePointer<virDomainPtr?>? = nil
        let count = try int("virConnectListAllDomains") { virConnectListAllDomains(conn, &domains, flags) }
        defer {
            for index in 0..<Int(count) { if let domain = domains?[index] { virDomainFree(domain) } }
            free(domains)
        }
        var result = Set<String>()
        for index in 0..<Int(count) {
            if let domain = domains?[index] { result.insert(uuid(of: domain)) }
        }
        return result
    }

    /// The Phoenix id in the domain's metadata, or `nil` when it has none.
    func phoenixID(of domain: OpaquePointer) throws -> Int? {
        let type = Int32(VIR_DOMAIN_METADATA_ELEMENT.rawValue)
        do {
            let xml = try string("virDomainGetMetadata") {
                virDomainGetMetadata(domain, type, PhoenixMetadata.namespace, 0)
            }
            return PhoenixMetadata.parse(xml)?.id
        } catch let error as PhoenixError where error.code == .notFound {
            return nil
        }
    }
}
