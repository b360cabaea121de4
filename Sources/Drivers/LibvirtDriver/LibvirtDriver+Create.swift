internal import CLibvirt
public import PhoenixCore

extension LibvirtDriver {
    /// Defines a domain from the request (and starts it when asked), recording the Phoenix
    /// id and the images it creates in the domain's metadata.
    /// - Throws: `conflict` for a taken name, `invalidField` for bad fields or an unknown
    ///   network; on failure nothing is left behind.
    public func create(_ spec: CreateSpec) async throws -> DriverResource {
        let request = try CreateRequest(spec, capabilities: capabilities)
        let options = self.options
        let uuid = try await connection.run { session in
            try Self.define(request, options: options, session: session)
        }
        if request.start {
            do {
                try await connection.run { session in
                    try session.withDomain(uuid: uuid) { domain in
                        try session.int("virDomainCreate") { virDomainCreate(domain) }
                    }
                }
            } catch {
                // A VM that failed to start is not created: the client gets the error and the
                // core releases the id, so leave nothing behind.
                try? await delete(handle: uuid, force: true)
                throw error
            }
        }
        return try await get(handle: uuid)
    }

    private static func define(_ request: CreateRequest, options: LibvirtOptions, session: LibvirtSession) throws -> String {
        if let existing = try? session.pointer("virDomainLookupByName", { virDomainLookupByName(session.conn, request.name) }) {
            virDomainFree(existing)
            throw PhoenixError(.conflict, "A VM named '\(request.name)' already exists.", field: "name")
        }
        if let network = request.network {
            do {
                let handle = try session.pointer("virNetworkLookupByName") { virNetworkLookupByName(session.conn, network) }
                virNetworkFree(handle)
            } catch let error as PhoenixError where error.code == .notFound {
                throw PhoenixError.invalidField("network", "There is no libvirt network named '\(network)'.")
            }
        }
        var created: [String] = []
        var disks: [DomainDefinition.Disk] = []
        do {
            for (index, disk) in request.disks.enumerated() {
                switch disk {
                case .existing(let path):
                    disks.append(DomainDefinition.Disk(path: path, format: "raw"))
                case .create(let size):
                    let pool = StoragePool(name: options.storagePool, stateDirectory: options.stateDirectory)
                    let path = try pool.createVolume(name: "\(request.name)-\(request.id)-disk\(index).qcow2",
                                                     sizeGB: size, session: session)
                    created.append(path)
                    disks.append(DomainDefinition.Disk(path: path, format: "qcow2"))
                }
            }
            let definition = DomainDefinition(
                type: options.domainType, name: request.name, vcpus: request.vcpus, memoryMB: request.memoryMB,
                disks: disks, boot: request.boot, network: request.network,
                metadata: PhoenixMetadata(id: request.id, createdDisks: created))
            let domain = try session.pointer("virDomainDefineXML") { virDomainDefineXML(session.conn, definition.xml) }
            defer { virDomainFree(domain) }
            if request.autostart {
                do {
                    try session.int("virDomainSetAutostart") { virDomainSetAutostart(domain, 1) }
                } catch {
                    _ = try? session.int("virDomainUndefine") { virDomainUndefine(domain) }
                    throw error
                }
            }
            return session.uuid(of: domain)
        } catch {
            StoragePool.deleteVolumes(created, session: session)
            throw error
        }
    }
}
