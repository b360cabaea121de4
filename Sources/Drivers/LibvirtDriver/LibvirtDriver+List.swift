internal import CLibvirt
import Foundation
public import PhoenixCore

extension LibvirtDriver {
    /// Every domain, with vcpus, memory_mb, uuid, autostart, persistent, disks and network
    /// (everything `get` reports except `pending_restart`).
    ///
    /// Cost: `virConnectGetAllDomainStats` (state, balloon, vcpu) plus two filtered
    /// `virConnectListAllDomains` (autostart, persistent) — three calls for any number of
    /// domains. Two per-domain calls remain, both bounded: `virDomainGetXMLDesc` once per
    /// UUID the driver has not seen before (id, disks and network are cached), and
    /// `virDomainGetInfo` for records without balloon/vcpu stats, which only libvirt's
    /// in-process test driver produces (there it is a function call, not a round trip).
    /// - Throws: `backendUnavailable` when libvirt is down.
    public func list() async throws -> [DriverResource] {
        let known = facts.withLock { $0 }
        let (resources, learned) = try await connection.run { session in
            try Self.listAll(session: session, known: known)
        }
        if !learned.isEmpty {
            facts.withLock { cache in cache.merge(learned) { _, new in new } }
        }
        return resources
    }

    private static func listAll(session: LibvirtSession, known: [String: DomainFacts]) throws
        -> (resources: [DriverResource], learned: [String: DomainFacts]) {
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
        var learned: [String: DomainFacts] = [:]
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
            let facts: DomainFacts
            if let cached = known[uuid] {
                facts = cached
            } else {
                facts = try DomainFacts(DomainDescription(xml: session.string("virDomainGetXMLDesc") {
                    virDomainGetXMLDesc(domain, 0)
                }))
                learned[uuid] = facts
            }
            var fields: [String: JSONValue] = [
                "vcpus": .int(Int(vcpus)),
                "memory_mb": .int(Int(maxMemoryKiB / 1024)),
                "uuid": .string(uuid),
                "autostart": .bool(autostart.contains(uuid)),
                "persistent": .bool(persistent.contains(uuid)),
            ]
            facts.add(to: &fields)
            resources.append(DriverResource(handle: uuid, id: facts.id, name: session.name(of: domain),
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
}
