import PhoenixCore

/// A new domain as the driver defines it; `xml` is the only place domain XML is written.
///
/// Every string from a request is validated before it gets here and escaped when written,
/// so no field can add elements or attributes to the document.
struct DomainDefinition: Sendable, Hashable {
    /// How the domain boots.
    enum Boot: Sendable, Hashable {
        /// From the first disk.
        case disk
        /// A kernel (and optional initrd and command line) from the host.
        case kernel(path: String, initrd: String?, cmdline: String?)
    }

    /// One disk attached to the domain.
    struct Disk: Sendable, Hashable {
        /// The image path.
        var path: String
        /// The image format (`qcow2` for created images, `raw` for given paths so that
        /// libvirt never probes a guest-written header).
        var format: String
    }

    /// The libvirt domain type (`kvm`, `qemu`, `test`).
    var type: String
    /// The domain name (`NameRule`).
    var name: String
    /// Virtual CPUs.
    var vcpus: Int
    /// Memory in MiB.
    var memoryMB: Int
    /// Disks in target order (`vda`, `vdb`, …).
    var disks: [Disk]
    /// The boot method.
    var boot: Boot
    /// The libvirt network for one virtio interface, if any.
    var network: String?
    /// What goes into `<metadata>`.
    var metadata: PhoenixMetadata

    /// The `<domain>` document for `virDomainDefineXML`.
    var xml: String {
        var lines: [String] = []
        lines.append("<domain type='\(XMLEscaping.escape(type))'>")
        lines.append("  <name>\(XMLEscaping.escape(name))</name>")
        lines.append("  <metadata>\(metadata.xml)</metadata>")
        lines.append("  <memory unit='MiB'>\(memoryMB)</memory>")
        lines.append("  <currentMemory unit='MiB'>\(memoryMB)</currentMemory>")
        lines.append("  <vcpu placement='static'>\(vcpus)</vcpu>")
        lines.append("  <os>")
        lines.append("    <type arch='x86_64'>hvm</type>")
        switch boot {
        case .disk:
            lines.append("    <boot dev='hd'/>")
        case .kernel(let path, let initrd, let cmdline):
            lines.append("    <kernel>\(XMLEscaping.escape(path))</kernel>")
            if let initrd { lines.append("    <initrd>\(XMLEscaping.escape(initrd))</initrd>") }
            if let cmdline { lines.append("    <cmdline>\(XMLEscaping.escape(cmdline))</cmdline>") }
        }
        lines.append("  </os>")
        // ACPI lets a guest OS handle the graceful shutdown request.
        lines.append("  <features><acpi/></features>")
        lines.append("  <on_poweroff>destroy</on_poweroff>")
        lines.append("  <on_reboot>restart</on_reboot>")
        lines.append("  <on_crash>destroy</on_crash>")
        lines.append("  <devices>")
        for (index, disk) in disks.enumerated() {
            lines.append("    <disk type='file' device='disk'>")
            lines.append("      <driver name='qemu' type='\(XMLEscaping.escape(disk.format))'/>")
            lines.append("      <source file='\(XMLEscaping.escape(disk.path))'/>")
            lines.append("      <target dev='\(Self.targetDevice(index))' bus='virtio'/>")
            lines.append("    </disk>")
        }
        if let network {
            lines.append("    <interface type='network'>")
            lines.append("      <source network='\(XMLEscaping.escape(network))'/>")
            lines.append("      <model type='virtio'/>")
            lines.append("    </interface>")
        }
        lines.append("  </devices>")
        lines.append("</domain>")
        return lines.joined(separator: "\n")
    }

    /// `vda` … `vdz` for the first 26 disks (the field allows at most 16).
    static func targetDevice(_ index: Int) -> String {
        "vd" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26)))
    }
}
