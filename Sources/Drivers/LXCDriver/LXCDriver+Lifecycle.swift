public import PhoenixCore
import LXCBackend

extension LXCDriver {
    /// Applies a rename, limit changes, then the status action, holding the container's lock.
    /// - Throws: `invalidField`, `notFound`, `conflict` (taken name), `invalidTransition`, `unsupported`, backend errors.
    public func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        try checkHandle(handle)
        try capabilities.validate(change)
        return try await locks.withLock(handle) { [self] in
            let current = try await get(handle: handle)
            if let newName = change.name, newName != current.name { try await rename(handle, to: newName) }
            try await applyLimits(handle, change.fields, active: current.status.isActive)
            if let target = change.status,
               let action = try capabilities.requireAction(from: current.status, to: target) {
                switch action {
                case .start: try await start(handle)
                case .stop: try await stop(handle)
                case .pause: try await executor.run { [self] in try open(handle).freeze() }
                case .resume: try await executor.run { [self] in try open(handle).unfreeze() }
                }
            }
            return try await get(handle: handle)
        }
    }

    /// Deletes a container and its rootfs; an active one only with `force` (killed first).
    /// - Throws: `notFound`, `resourceRunning`, backend errors.
    public func delete(handle: String, force: Bool) async throws {
        try checkHandle(handle)
        try await locks.withLock(handle) { [self] in
            let current = try await get(handle: handle)
            if current.status.isActive {
                guard force else {
                    throw PhoenixError(.resourceRunning,
                                       "Container \(current.name) is \(current.status.rawValue); stop it first or delete with ?force=true.")
                }
                try await kill(handle)
            }
            try await executor.run { [self] in
                try helper.run(.destroy, lxcpath: options.lxcpath, name: handle)
                CgroupLeftovers.remove(name: handle)
            }
        }
    }

    /// Renames the API name only (the LXC name is the id), so it works in any status.
    func rename(_ handle: String, to newName: String) async throws {
        try NameRule.validate(newName, field: "name")
        try reserve(name: newName, handle: nil)
        defer { inFlight.withLock { _ = $0.names.remove(newName) } }
        try await executor.run { [self] in
            try checkFree(name: newName, handle: handle, allowExisting: true)
            let directory = options.lxcpath + "/" + handle
            var metadata = ContainerMetadata.read(in: directory) ?? ContainerMetadata(name: handle)
            metadata.name = newName
            try metadata.write(in: directory)
        }
    }

    /// Saves new limits in the config, and writes them into the running cgroup when the
    /// container is active. A limit the kernel refuses live (memory below current use)
    /// stays in the config and shows as `pending_restart`.
    func applyLimits(_ handle: String, _ fields: [String: JSONValue], active: Bool) async throws {
        var config: [(key: String, value: String?)] = []
        var live: [(key: String, value: String)] = []
        if let value = fields["cpus"] {
            config += layout.cpuConfig(value.intValue)
            live += layout.liveCPU(value.intValue)
        }
        if let value = fields["memory_mb"] {
            config += layout.memoryConfig(value.intValue)
            live += layout.liveMemory(value.intValue)
        }
        guard !config.isEmpty else { return }
        try await executor.run { [self, config, live] in
            let container = try open(handle)
            try container.setConfigItems(config)
            try container.saveConfig()
            guard active else { return }
            for item in live where !container.setCgroupItem(item.key, item.value) {
                log.info("container \(handle): \(item.key)=\(item.value) not applied live; pending restart")
            }
        }
    }

    /// Starts through the helper (liblxc's start forks) and waits for RUNNING.
    func start(_ handle: String) async throws {
        try await executor.run { [self] in
            // A monitor cgroup left from an earlier run would make liblxc pick "<name>-1".
            CgroupLeftovers.remove(name: handle)
            try helper.run(.start, lxcpath: options.lxcpath, name: handle)
        }
    }

    /// Clean shutdown within the grace period, then kill; thaws a frozen container first
    /// because a frozen init cannot handle the halt signal.
    func stop(_ handle: String) async throws {
        try await executor.run { [self] in
            let container = try open(handle)
            if container.state == "FROZEN" { try container.unfreeze() }
            if options.shutdownGrace == 0 || !container.shutdown(timeout: options.shutdownGrace) {
                if container.state != "STOPPED" { try container.stop() }
            }
            _ = container.wait(for: "STOPPED", timeout: 30)
            CgroupLeftovers.remove(name: handle)
        }
    }

    /// Stops without grace (for forced delete and rollback).
    func kill(_ handle: String) async throws {
        try await executor.run { [self] in
            let container = try open(handle)
            if container.state != "STOPPED" { try container.stop() }
            _ = container.wait(for: "STOPPED", timeout: 30)
            CgroupLeftovers.remove(name: handle)
        }
    }

    /// A liblxc object for an existing container. Blocking.
    func open(_ handle: String) throws -> LXCContainer {
        let container = try LXCContainer(name: handle, lxcpath: options.lxcpath)
        guard container.isDefined else { throw notFound(handle) }
        return container
    }
}
