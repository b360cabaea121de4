internal import CLibvirt
import PhoenixCore

extension LibvirtDriver {
    /// Deletes a domain: refuses an active one without `force`; otherwise destroys it,
    /// undefines it (with its managed save, snapshot/checkpoint metadata and NVRAM), and
    /// removes the disk images the driver created for it — never other disks.
    /// - Throws: `notFound`, `resourceRunning`.
    public func delete(handle: String, force: Bool) async throws {
        try await serializer.run(handle) { try await self.deleteNow(handle: handle, force: force) }
    }

    private func deleteNow(handle: String, force: Bool) async throws {
        let log = self.log
        // The test driver rejects the checkpoint flag; real hypervisors need it when the
        // domain has checkpoints.
        let checkpoints = options.domainType == "test" ? 0 : VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA.rawValue
        try await connection.run { session in
            try session.withDomain(uuid: handle) { domain in
                let status = try session.status(of: domain)
                let name = session.name(of: domain)
                if status.isActive && !force {
                    throw PhoenixError(.resourceRunning,
                                       "VM '\(name)' is \(status.rawValue); stop it first or delete it with ?force=true.")
                }
                let description = try DomainDescription(xml: session.string("virDomainGetXMLDesc") {
                    virDomainGetXMLDesc(domain, 0)
                })
                let persistent = try session.int("virDomainIsPersistent") { virDomainIsPersistent(domain) } == 1
                if status.isActive || status == .unknown {
                    do {
                        try session.int("virDomainDestroy") { virDomainDestroy(domain) }
                    } catch let error as PhoenixError where error.code == .conflict {
                        // It stopped between the state read and the destroy.
                    }
                }
                if persistent {
                    var flags = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue
                        | checkpoints
                    if description.hasNVRAM { flags |= VIR_DOMAIN_UNDEFINE_NVRAM.rawValue }
                    try session.int("virDomainUndefineFlags") { virDomainUndefineFlags(domain, flags) }
                }
                StoragePool.deleteVolumes(description.metadata?.createdDisks ?? [], session: session, log: log)
            }
        }
        _ = facts.withLock { $0.removeValue(forKey: handle) }
    }
}
