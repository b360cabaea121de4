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
    /// `prefix` and the slash before a collection, as bytes.
    private static let collectionPrefix = Array((prefix + "/").utf8)

    /// Parses the path's UTF-8 bytes in place: every request goes through here, and
    /// `Character`-based `Substring` operations (grapheme breaking for `count`,
    /// `hasSuffix`, `split`) cost more than the rest of a health check.
    init(path: String) {
        var path = path
        self = path.withUTF8 { Route(bytes: $0) }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        let slash = UInt8(ascii: "/")
        var end = bytes.count
        // Trailing slashes are ignored, but "/" stays "/".
        while end > 1, bytes[end - 1] == slash { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[..<end])
        if trimmed.elementsEqual("/healthz".utf8) {
            self = .health
            return
        }
        let prefix = Self.collectionPrefix
        guard trimmed.starts(with: prefix) else {
            self = .notFound
            return
        }
        let rest = UnsafeBufferPointer(rebasing: trimmed[prefix.count...])
        let collectionEnd = rest.firstIndex(of: slash) ?? rest.count
        let collection = UnsafeBufferPointer(rebasing: rest[..<collectionEnd])
        var id: Int?
        let hasID = collectionEnd < rest.count
        if hasID {
            let idBytes = rest[(collectionEnd + 1)...]
            guard !idBytes.contains(slash) else {
                self = .notFound
                return
            }
            id = Int(String(decoding: idBytes, as: UTF8.self)).flatMap { $0 > 0 ? $0 : nil }
        }
        if collection.elementsEqual("keys".utf8) {
            self = hasID ? .key(id: id) : .keys
        } else if let kind = ResourceKind.allCases.first(where: { $0.rawValue.utf8.elementsEqual(collection) }) {
            self = hasID ? .item(kind, id: id) : .collection(kind)
        } else {
            self = .unknownKind(String(decoding: collection, as: UTF8.self))
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
