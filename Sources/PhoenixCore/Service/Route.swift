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

    init(path: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/healthz" {
            self = .health
            return
        }
        guard trimmed.hasPrefix(Self.prefix + "/") else {
            self = .notFound
            return
        }
        let parts = trimmed.dropFirst(Self.prefix.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else {
            self = .notFound
            return
        }
        let collection = String(parts[0])
        let id = parts.count == 2 ? Int(parts[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        if collection == "keys" {
            self = parts.count == 1 ? .keys : .key(id: id)
        } else if let kind = ResourceKind(rawValue: collection) {
            self = parts.count == 1 ? .collection(kind) : .item(kind, id: id)
        } else {
            self = .unknownKind(collection)
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
