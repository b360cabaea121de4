internal import CLibvirt
public import PhoenixCore

extension LibvirtDriver {
    /// Applies a change in order: rename (stopped VMs only), vcpus/memory_mb/autostart, then
    /// the status action (start, graceful stop with destroy after the grace period, pause,
    /// resume).
    /// - Throws: `notFound`, `conflict` (rename of an active VM, taken name),
    ///   `invalidTransition`, `invalidField` for a field that cannot change.
    public func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        try await serializer.run(handle) { try await self.updateNow(handle: handle, change: change) }
    }

    private func updateNow(handle: String, change: ResourceChange) async throws -> DriverResource {
        var current = try await get(handle: handle)
        // The whole change is checked before any part of it is applied.
        let fields = change.fields.filter { current.fields[$0.key] != $0.value }
        try capabilities.validate(ResourceChange(name: change.name, status: change.status, fields: fields))
        if let name = change.name, name != current.name {
            try await rename(current, to: name)
        }
        if !fields.isEmpty {
            try await connection.run { session in
                try session.withDomain(uuid: handle) { domain in try Self.apply(fields, to: domain, session: session) }
            }
        }
        if let target = change.status {
            current = try await get(handle: handle)
            if let action = try capabilities.requireAction(from: current.status, to: target) {
                try await perform(action, on: current)
            }
        }
        return try await get(handle: handle)
    }

    private func rename(_ current: DriverResource, to name: String) async throws {
        guard !current.status.isActive else {
            throw PhoenixError(.conflict, "VM '\(current.name)' must be stopped to be renamed; it is \(current.status.rawValue).",
                               field: "name")
        }
        try await connection.run { session in
            if let taken = try? session.pointer("virDomainLookupByName", { virDomainLookupByName(session.conn, name) }) {
                virDomainFree(taken)
                throw PhoenixError(.conflict, "A VM named '\(name)' already exists.", field: "name")
            }
            try session.withDomain(uuid: current.handle) { domain in
                try session.int("virDomainRename") { virDomainRename(domain, name, 0) }
            }
        }
    }

    /// Writes vcpus/memory to the persistent config (hot-plugging vcpus up to the live
    /// maximum when running) and sets autostart.
    private static func apply(_ fields: [String: JSONValue], to domain: OpaquePointer, session: LibvirtSession) throws {
        let config = UInt32(VIR_DOMAIN_AFFECT_CONFIG.rawValue)
        let inactive = UInt32(VIR_DOMAIN_XML_INACTIVE.rawValue)
        let saved = try DomainDescription(xml: session.string("virDomainGetXMLDesc") { virDomainGetXMLDesc(domain, inactive) })
        if let vcpus = fields["vcpus"]?.intValue.map(UInt32.init) {
            let maximum = config | UInt32(VIR_DOMAIN_VCPU_MAXIMUM.rawValue)
            // Keep maximum == current in the config: raise the maximum first, lower it last.
            if Int(vcpus) > saved.maxVcpus {
                try session.int("virDomainSetVcpusFlags") { virDomainSetVcpusFlags(domain, vcpus, maximum) }
            }
            try session.int("virDomainSetVcpusFlags") { virDomainSetVcpusFlags(domain, vcpus, config) }
            if Int(vcpus) < saved.maxVcpus {
                try session.int("virDomainSetVcpusFlags") { virDomainSetVcpusFlags(domain, vcpus, maximum) }
            }
            if try session.status(of: domain).isActive {
                let live = try DomainDescription(xml: session.string("virDomainGetXMLDesc") { virDomainGetXMLDesc(domain, 0) })
                if Int(vcpus) > live.vcpus && Int(vcpus) <= live.maxVcpus {
                    // Hot-plug works up to the live maximum; otherwise the change waits for a
                    // restart and `pending_restart` says so.
                    let liveFlag = UInt32(VIR_DOMAIN_AFFECT_LIVE.rawValue)
                    _ = try? session.int("virDomainSetVcpusFlags") { virDomainSetVcpusFlags(domain, vcpus, liveFlag) }
                }
            }
        }
        if let memory = fields["memory_mb"]?.intValue {
            let kib = UInt(memory) * 1024
            let maximum = config | UInt32(VIR_DOMAIN_MEM_MAXIMUM.rawValue)
            if memory > saved.memoryMB {
                try session.int("virDomainSetMemoryFlags") { virDomainSetMemoryFlags(domain, kib, maximum) }
                try session.int("virDomainSetMemoryFlags") { virDomainSetMemoryFlags(domain, kib, config) }
            } else {
                try session.int("virDomainSetMemoryFlags") { virDomainSetMemoryFlags(domain, kib, config) }
                try session.int("virDomainSetMemoryFlags") { virDomainSetMemoryFlags(domain, kib, maximum) }
            }
        }
        if let autostart = fields["autostart"]?.boolValue {
            try session.int("virDomainSetAutostart") { virDomainSetAutostart(domain, autostart ? 1 : 0) }
        }
    }

    private func perform(_ action: LifecycleAction, on current: DriverResource) async throws {
        let handle = current.handle
        switch action {
        case .start:
            try await domainCall(handle, "virDomainCreate") { virDomainCreate($0) }
        case .pause:
            try await domainCall(handle, "virDomainSuspend") { virDomainSuspend($0) }
        case .resume:
            try await domainCall(handle, "virDomainResume") { virDomainResume($0) }
        case .stop:
            try await stop(current)
        }
    }

    /// Asks the guest to shut down and waits up to the grace period, then destroys it.
    /// A paused guest cannot act on the request, so it is destroyed at once.
    private func stop(_ current: DriverResource) async throws {
        let handle = current.handle
        if current.status == .running && options.shutdownGrace > .zero {
            try await domainCall(handle, "virDomainShutdown") { virDomainShutdown($0) }
            let deadline = ContinuousClock.now + options.shutdownGrace
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                let status = try await connection.run { session in
                    try session.withDomain(uuid: handle) { try session.status(of: $0) }
                }
                if !status.isActive { return }
            }
            log.info("VM '\(current.name)' did not shut down within \(options.shutdownGrace); destroying it")
        }
        do {
            try await domainCall(handle, "virDomainDestroy") { virDomainDestroy($0) }
        } catch let error as PhoenixError where error.code == .conflict {
            // It finished shutting down just before the destroy.
        }
    }

    private func domainCall(_ handle: String, _ operation: String,
                            _ body: @escaping @Sendable (OpaquePointer) -> Int32) async throws {
        try await connection.run { session in
            try session.withDomain(uuid: handle) { domain in try session.int(operation) { body(domain) } }
        }
    }
}
