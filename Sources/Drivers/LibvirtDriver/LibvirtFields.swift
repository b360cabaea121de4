import PhoenixCore

/// The kind-specific fields the libvirt driver accepts and reports.
enum LibvirtFields {
    /// The most disks a create request may attach.
    static let maxDisks = 16

    /// The field specs, with create defaults from the driver options.
    static func specs(defaultVcpus: Int, defaultMemoryMB: Int) -> [FieldSpec] {
        let disk: [FieldSpec] = [
            FieldSpec("size_gb", .integer(1...65_536), access: .createOnly,
                      summary: "Size of a new qcow2 image created in the storage pool, in GiB."),
            FieldSpec("path", .absolutePath, access: .createOnly,
                      summary: "An existing image on the host, attached as raw."),
        ]
        let boot: [FieldSpec] = [
            FieldSpec("device", .choice(["disk"]), access: .createOnly, summary: "Boot from the first disk."),
            FieldSpec("kernel", .absolutePath, access: .createOnly, summary: "A kernel image on the host."),
            FieldSpec("initrd", .absolutePath, access: .createOnly, summary: "An initrd on the host (needs kernel)."),
            FieldSpec("cmdline", .text(maxLength: 1024), access: .createOnly, summary: "Kernel command line (needs kernel)."),
        ]
        return [
            FieldSpec("vcpus", .integer(1...64), access: .mutable, default: .int(defaultVcpus),
                      summary: "Virtual CPUs; a change to a running VM applies at its next start unless it can be hot-plugged."),
            FieldSpec("memory_mb", .integer(16...1_048_576), access: .mutable, default: .int(defaultMemoryMB),
                      summary: "Memory in MiB; a change to a running VM applies at its next start."),
            FieldSpec("disks", .array(.object(disk), maxCount: maxDisks), access: .createOnly,
                      summary: "Disks: each {\"size_gb\": N} (created) or {\"path\": \"/abs\"} (existing)."),
            FieldSpec("boot", .object(boot), access: .createOnly,
                      summary: "{\"device\": \"disk\"} (the default) or {\"kernel\", \"initrd\", \"cmdline\"}."),
            FieldSpec("network", .name, access: .createOnly, nullable: true,
                      summary: "A libvirt network for one virtio interface."),
            FieldSpec("autostart", .boolean, access: .mutable, default: .bool(false),
                      summary: "Whether libvirt starts the VM when the host starts."),
            FieldSpec("uuid", .text(maxLength: 36), access: .readOnly, summary: "The libvirt domain UUID."),
            FieldSpec("persistent", .boolean, access: .readOnly,
                      summary: "Whether the domain has a persistent definition (false for transient domains)."),
            FieldSpec("pending_restart", .boolean, access: .readOnly,
                      summary: "True when a vcpus/memory change waits for the VM's next start."),
        ]
    }
}
