public import PhoenixCore

/// The kind-specific fields the fixture driver serves; later drivers of the same kind
/// serve the same names so clients can swap drivers without changing scripts.
public enum FixtureFields {
    /// The field specs for `kind`.
    public static func specs(for kind: ResourceKind) -> [FieldSpec] {
        switch kind {
        case .containers:
            [
                FieldSpec("cpus", .integer(1...256), default: 1, summary: "CPU cores the container may use"),
                FieldSpec("memory_mb", .integer(16...1_048_576), default: 512, summary: "Memory limit in MiB"),
                FieldSpec("template", .name, access: .createOnly, default: "busybox", summary: "Template the rootfs was built from"),
            ]
        case .vms:
            [
                FieldSpec("vcpus", .integer(1...64), default: 1, summary: "Virtual CPUs"),
                FieldSpec("memory_mb", .integer(16...1_048_576), default: 1024, summary: "Memory in MiB"),
                FieldSpec("disks", .array(.object([FieldSpec("size_gb", .integer(1...65536), required: true)]), maxCount: 16),
                          access: .createOnly, default: [], summary: "Disks, each {\"size_gb\": N}"),
                FieldSpec("autostart", .boolean, default: false, summary: "Start with the host"),
            ]
        case .services:
            [
                FieldSpec("exec_start", .text(maxLength: 4096), required: true, summary: "Command line the service runs"),
                FieldSpec("description", .text(maxLength: 256), default: "", summary: "One-line description"),
                FieldSpec("enabled", .boolean, default: false, summary: "Start at boot"),
            ]
        }
    }
}
