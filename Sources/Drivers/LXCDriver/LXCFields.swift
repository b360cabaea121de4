public import PhoenixCore

/// The kind-specific fields of the `lxc` driver.
public enum LXCFields {
    /// Allowed CPU limits.
    public static let cpuRange = 1...256
    /// Allowed memory limits in MiB.
    public static let memoryRange = 16...1_048_576

    /// The field specs the core validates requests against.
    public static let specs: [FieldSpec] = [
        FieldSpec("cpus", .integer(cpuRange), nullable: true,
                  summary: "CPU limit (CFS quota of this many CPUs); null means unlimited. Live when running."),
        FieldSpec("memory_mb", .integer(memoryRange), nullable: true,
                  summary: "Memory limit in MiB; null means unlimited. Live when running and the kernel allows."),
        FieldSpec("template", .choice(LXCDriverOptions.templates), access: .createOnly, nullable: true,
                  summary: "Template the rootfs was made from (busybox, or local: the configured rootfs)."),
        FieldSpec("clone_from", .name, access: .createOnly, nullable: true,
                  summary: "Create by cloning this stopped container (API name, or LXC name/id)."),
        FieldSpec("cloned_from", .name, access: .readOnly, nullable: true,
                  summary: "The container this one was cloned from."),
        FieldSpec("ipv4", .array(.text(maxLength: 15), maxCount: 256), access: .readOnly,
                  summary: "IPv4 addresses inside the container (not loopback) while it runs."),
        FieldSpec("pid", .integer(1...Int(Int32.max)), access: .readOnly, nullable: true,
                  summary: "Host pid of the container's init while it runs."),
        FieldSpec("pending_restart", .boolean, access: .readOnly,
                  summary: "Whether configured limits differ from the running cgroup until the next start."),
    ]

    /// The driver's capabilities.
    public static func capabilities(kind: ResourceKind) -> DriverCapabilities {
        DriverCapabilities(driver: "lxc", kind: kind, actions: [.start, .stop, .pause, .resume],
                           rename: .always, fields: specs, discoversExternalResources: true)
    }
}
