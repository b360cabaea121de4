import FoundationXML

/// What the driver records in a domain's `<metadata>`: the Phoenix id and the disk images
/// it created (so delete removes those and nothing else).
struct PhoenixMetadata: Sendable, Hashable {
    /// The XML namespace of the element.
    static let namespace = "https://phoenix.dev/xmlns/libvirt/1"
    /// The namespace prefix libvirt uses for it.
    static let prefix = "phoenix"

    /// The Phoenix id.
    var id: Int?
    /// Paths of disk images the driver created for the domain.
    var createdDisks: [String]

    /// The `<phoenix:resource>` element, with every value escaped.
    var xml: String {
        var text = "<\(Self.prefix):resource xmlns:\(Self.prefix)=\"\(Self.namespace)\""
        if let id { text += " id=\"\(id)\"" }
        if createdDisks.isEmpty { return text + "/>" }
        text += ">"
        for path in createdDisks {
            text += "<\(Self.prefix):disk path=\"\(XMLEscaping.escape(path))\"/>"
        }
        return text + "</\(Self.prefix):resource>"
    }

    /// Reads the element from a parsed domain or metadata document.
    /// - Parameter root: the `<domain>` element or the `<phoenix:resource>` element itself.
    init?(from root: XMLElement) {
        let element: XMLElement
        if root.localName == "resource" && root.uri == Self.namespace {
            element = root
        } else if let metadata = root.elements(forName: "metadata").first,
                  let found = metadata.childElements(localName: "resource", uri: Self.namespace).first {
            element = found
        } else {
            return nil
        }
        id = element.attribute(forName: "id")?.stringValue.flatMap { Int($0) }
        createdDisks = element.childElements(localName: "disk", uri: element.uri)
            .compactMap { $0.attribute(forName: "path")?.stringValue }
    }

    /// Creates metadata.
    init(id: Int?, createdDisks: [String] = []) {
        self.id = id
        self.createdDisks = createdDisks
    }
}

extension XMLElement {
    /// Child elements by local name and namespace (`elements(forLocalName:uri:)` finds
    /// nothing in swift-corelibs-foundation).
    func childElements(localName: String, uri: String?) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == localName && $0.uri == uri }
    }
}
