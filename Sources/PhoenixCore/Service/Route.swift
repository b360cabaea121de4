/// What a request path names, before authentication and method checks.
enum Route: Equatable {
    case health
    case collection(ResourceKind)
    case item(ResourceKind, id: Int?)
    case keys
    case key(id: Int?)
    case unknownKind(String)
    case notFound

    /// The API prefix every authenticated route lives under.
    static let prefix = "/api/v1"

    /// Parses on UTF-8 bytes: every request goes through here, and `Character`-based
    /// `Substring` operations (grapheme breaking for `count`, `hasSuffix`, `split`) cost
    /// more than the rest of a health check.
    init(path: String) {
        let utf8 = path.utf8
        let slash = UInt8(ascii: "/")
        var end = utf8.endIndex
        // Trailing slashes are ignored, but "/" stays "/".
        while utf8.distance(from: utf8.startIndex, to: end) > 1, utf8[utf8.index(before: end)] == slash {
            end = utf8.index(before: end)
        }
        let trimmed = utf8[utf8.startIndex..<end]
        if trimmed.elementsEqual("/healthz".utf8) {
            self = .health
            return
        }
        let prefix = (Self.prefix + "/").utf8
        guard trimmed.starts(with: prefix) else {
            self = .notFound
            return
        }
        let rest = trimmed.dropFirst(prefix.count)
        let collectionEnd = rest.firstIndex(of: slash) ?? rest.endIndex
        let collection = rest[rest.startIndex..<collectionEnd]
        var id: Int?
        let hasID = collectionEnd != rest.endIndex
        if hasID {
            let idBytes = rest[utf8.index(after: collectionEnd)...]
            guard !idBytes.contains(slash) else {
                self = .notFound
                return
            }
            id = Int(path[idBytes.startIndex..<idBytes.endIndex]).flatMap { $0 > 0 ? $0 : nil }
        }
        if collection.elementsEqual("keys".utf8) {
            self = hasID ? .key(id: id) : .keys
        } else if let kind = ResourceKind.allCases.first(where: { $0.rawValue.utf8.elementsEqual(collection) }) {
            self = hasID ? .item(kind, id: id) : .collection(kind)
        } else {
            self = .unknownKind(String(path[collection.startIndex..<collection.endIndex]))
        }
    }

    /// The methods the route answers, for 405's `Allow`.
    var allowedMethods: [String] {
        switch self {
        case .health: ["GET"]
        case .collection, .keys: ["GET", "POST"]
        case .item: ["GET", "PUT", "DELETE"]
        case .key: ["DELETE"]
        case .unknownKind, .notFound: []
        }
    }

    /// The scope a method on this route needs.
    func neededScope(for method: String) -> Scope {
        switch self {
        case .keys, .key: .admin
        default: method == "GET" || method == "HEAD" ? .read : .write
        }
    }
}
