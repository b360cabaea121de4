import FoundationXML
import PhoenixCore

/// The parts of a libvirt domain XML document the driver reports.
struct DomainDescription: Sendable, Hashable {
    /// The domain name.
    var name: String
    /// The domain UUID.
    var uuid: String
    /// Current virtual CPUs.
    var vcpus: Int
    /// Maximum virtual CPUs.
    var maxVcpus: Int
    /// Memory (the `<memory>` maximum) in MiB.
    var memoryMB: Int
    /// Disk source paths, in target order.
    var disks: [String]
    /// Names of the libvirt networks the interfaces use.
    var networks: [String]
    /// Whether the domain has an NVRAM file (so undefine must remove it).
    var hasNVRAM: Bool
    /// The Phoenix metadata, if the driver created the domain.
    var metadata: PhoenixMetadata?

    /// Parses a document from `virDomainGetXMLDesc`.
    /// - Throws: `backendFailure` when libvirt returned something unreadable.
    init(xml: String) throws {
        guard let document = try? XMLDocument(xmlString: xml, options: []),
              let root = document.rootElement(), root.name == "domain" else {
            throw PhoenixError(.backendFailure, "libvirt returned a domain description that is not valid XML.")
        }
        name = root.child("name")?.stringValue ?? ""
        uuid = root.child("uuid")?.stringValue ?? ""
        let vcpu = root.child("vcpu")
        maxVcpus = vcpu?.stringValue.flatMap { Int($0.trimmingWhitespace) } ?? 0
        vcpus = vcpu?.attribute(forName: "current")?.stringValue.flatMap { Int($0) } ?? maxVcpus
        memoryMB = root.child("memory").map(Self.mebibytes) ?? 0
        let devices = root.child("devices")
        disks = devices?.elements(forName: "disk").compactMap { disk in
            guard let source = disk.child("source") else { return nil }
            return (source.attribute(forName: "file") ?? source.attribute(forName: "dev")
                    ?? source.attribute(forName: "volume"))?.stringValue
        } ?? []
        networks = devices?.elements(forName: "interface").compactMap { interface in
            guard interface.attribute(forName: "type")?.stringValue == "network" else { return nil }
            return interface.child("source")?.attribute(forName: "network")?.stringValue
        } ?? []
        hasNVRAM = root.child("os")?.child("nvram") != nil
        metadata = PhoenixMetadata(from: root)
    }

    /// Converts a `<memory unit=...>` element to MiB.
    private static func mebibytes(_ element: XMLElement) -> Int {
        let value = Int(element.stringValue?.trimmingWhitespace ?? "") ?? 0
        let unit = element.attribute(forName: "unit")?.stringValue ?? "KiB"
        let bytesPerUnit: Int = switch unit {
        case "b", "bytes": 1
        case "KB": 1000
        case "k", "KiB": 1024
        case "MB": 1_000_000
        case "M", "MiB": 1 << 20
        case "GB": 1_000_000_000
        case "G", "GiB": 1 << 30
        default: 1024
        }
        return value * bytesPerUnit / (1 << 20)
    }
}

extension XMLElement {
    /// The first child element called `name`.
    func child(_ name: String) -> XMLElement? {
        elements(forName: name).first
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    var trimmingWhitespace: String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
