public import PhoenixCore
import Foundation
import LXCBackend

extension LXCDriver {
    /// Creates a container named by `spec.id` from a template or by cloning, records the
    /// API name next to its config, and starts it when asked. Any failure after the
    /// container exists destroys it again.
    /// - Throws: `invalidField` (names, status, unknown or ill-typed fields, template/clone_from), `conflict` (taken name or id),
    ///   `notFound` (clone source), helper errors.
    public func create(_ spec: CreateSpec) async throws -> DriverResource {
        // Everything that could reach a path is checked before anything touches the disk.
        let spec = try capabilities.validated(spec)
        let handle = String(spec.id)
        let plan = try CreatePlan(spec: spec, options: options)

        try reserve(name: spec.name, handle: handle)
        defer { inFlight.withLock { $0.names.remove(spec.name); $0.handles.remove(handle) } }
        try await executor.run { [self] in try checkFree(name: spec.name, handle: handle) }

        var sourceName: String?
        if let source = plan.cloneFrom {
            sourceName = try await executor.run { [self] in try resolveSource(source) }
        }
        var config = plan.limits(layout)
        let metadata: ContainerMetadata
        if let sourceName, let source = plan.cloneFrom {
            metadata = ContainerMetadata(name: spec.name, template: nil, clonedFrom: source)
            try await executor.run { [self, config] in
                try helper.run(.clone, lxcpath: options.lxcpath, name: handle, source: sourceName, config: config)
            }
        } else {
            config = networkConfig() + config
            let template = plan.template
            metadata = ContainerMetadata(name: spec.name, template: template, clonedFrom: nil)
            try await executor.run { [self, config] in
                try helper.run(.create, lxcpath: options.lxcpath, name: handle,
                               template: template == "local" ? nil : template,
                               rootfsSource: template == "local" ? options.localRootfs : nil, config: config)
            }
        }
        do {
            try await executor.run { [self] in try metadata.write(in: options.lxcpath + "/" + handle) }
            if spec.status == .running { try await start(handle) }
        } catch {
            log.warning("create of container \(handle) failed after it was made; destroying it: \(error)")
            try? await kill(handle)
            try? await executor.run { [self] in try helper.run(.destroy, lxcpath: options.lxcpath, name: handle) }
            throw error
        }
        inFlight.withLock { _ = $0.handles.remove(handle) }
        return try await get(handle: handle)
    }

    /// The network config of new (template) containers.
    func networkConfig() -> [HelperRequest.ConfigItem] {
        switch options.network {
        case .empty:
            return [.init("lxc.net.0.type", "empty")]
        case .bridge(let bridge):
            return [.init("lxc.net.0.type", "veth"), .init("lxc.net.0.link", bridge),
                    .init("lxc.net.0.flags", "up"), .init("lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx")]
        }
    }

    /// Takes `name` and `handle` for this request, or fails if another request holds them.
    func reserve(name: String, handle: String?) throws {
        try inFlight.withLock { state in
            guard !state.names.contains(name) else {
                throw PhoenixError(.conflict, "The name '\(name)' is being taken by another request.", field: "name")
            }
            if let handle {
                guard !state.handles.contains(handle) else {
                    throw PhoenixError(.conflict, "Container \(handle) is being created by another request.", field: "id")
                }
                state.handles.insert(handle)
            }
            state.names.insert(name)
        }
    }

    /// Fails when a container already has `name` (other than `handle` itself) or `handle`
    /// already exists on disk. Blocking.
    func checkFree(name: String, handle: String, allowExisting: Bool = false) throws {
        for (existingHandle, existingName) in containerNames() where existingName == name && existingHandle != handle {
            throw PhoenixError(.conflict, "A container named '\(name)' already exists.", field: "name")
        }
        if !allowExisting, FileManager.default.fileExists(atPath: options.lxcpath + "/" + handle) {
            throw PhoenixError(.conflict, "Container \(handle) already exists.", field: "id")
        }
    }

    /// handle → API name for every container directory with a config, from the files
    /// alone (no liblxc object per container). Blocking.
    func containerNames() -> [(handle: String, name: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: options.lxcpath)) ?? []
        return entries.compactMap { entry in
            guard NameRule.isValid(entry) else { return nil }
            let directory = options.lxcpath + "/" + entry
            guard FileManager.default.fileExists(atPath: directory + "/config") else { return nil }
            return (entry, ContainerMetadata.read(in: directory)?.name ?? entry)
        }
    }

    /// The LXC name of the clone source: the container with that API name, else the
    /// container with that LXC name. Blocking.
    func resolveSource(_ source: String) throws -> String {
        let names = containerNames()
        if let match = names.first(where: { $0.name == source }) { return match.handle }
        if let match = names.first(where: { $0.handle == source }) { return match.handle }
        throw PhoenixError(.invalidField, "No container '\(source)' to clone from.", field: "clone_from")
    }
}

/// What a create request asks for, checked up front.
struct CreatePlan {
    var template: String
    var cloneFrom: String?
    var cpus: Int?
    var memoryMB: Int?

    init(spec: CreateSpec, options: LXCDriverOptions) throws {
        let template = spec.fields["template"]?.stringValue
        let cloneFrom = spec.fields["clone_from"]?.stringValue
        if template != nil, cloneFrom != nil {
            throw PhoenixError.invalidField("clone_from", "Give either 'template' or 'clone_from', not both.")
        }
        if let cloneFrom { try NameRule.validate(cloneFrom, field: "clone_from") }
        if let template, !LXCDriverOptions.templates.contains(template) {
            throw PhoenixError.invalidField("template", "'template' must be one of: \(LXCDriverOptions.templates.joined(separator: ", ")).")
        }
        if template == "local", options.localRootfs == nil {
            throw PhoenixError.invalidField("template", "The 'local' template needs the driver option 'local_rootfs'.")
        }
        self.template = template ?? options.template
        // A request's own template wins over the configured default source.
        self.cloneFrom = cloneFrom ?? (template == nil ? options.cloneFrom : nil)
        let isClone = self.cloneFrom != nil
        cpus = try Self.limit(spec.fields["cpus"], "cpus", LXCFields.cpuRange) ?? (isClone ? nil : options.defaultCPUs)
        memoryMB = try Self.limit(spec.fields["memory_mb"], "memory_mb", LXCFields.memoryRange)
            ?? (isClone ? nil : options.defaultMemoryMB)
    }

    /// Limit config items; a clone without explicit limits keeps its source's.
    func limits(_ layout: CgroupLayout) -> [HelperRequest.ConfigItem] {
        var items: [(key: String, value: String?)] = []
        if cpus != nil { items += layout.cpuConfig(cpus) }
        if memoryMB != nil { items += layout.memoryConfig(memoryMB) }
        return items.compactMap { item in item.value.map { HelperRequest.ConfigItem(item.key, $0) } }
    }

    private static func limit(_ value: JSONValue?, _ field: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            throw PhoenixError.invalidField(field, "'\(field)' must be an integer between \(range.lowerBound) and \(range.upperBound).")
        }
        return number
    }
}
