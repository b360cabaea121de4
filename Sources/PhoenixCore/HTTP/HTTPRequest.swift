/// A complete HTTP request as the transport hands it to the router.
public struct HTTPRequest: Sendable {
    /// The method in upper case (`"GET"`).
    public var method: String
    /// The path without the query string (`"/api/v1/vms/101"`).
    public var path: String
    /// Query parameters, decoded.
    public var query: [String: String]
    /// Header fields; names are compared case-insensitively through `header(_:)`.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty when there is none).
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, path: String, query: [String: String] = [:],
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        var wanted = name
        return wanted.withUTF8 { wanted in
            headers.first { header in
                var candidate = header.name
                return candidate.withUTF8 { Self.equalIgnoringASCIICase($0, wanted) }
            }?.value
        }
    }

    /// Whether two byte strings are equal with ASCII letters compared case-insensitively
    /// (header names and auth schemes are ASCII tokens); allocates nothing.
    static func equalIgnoringASCIICase(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lhs[index] != rhs[index] {
            let folded = lhs[index] | 0x20
            guard folded == rhs[index] | 0x20, folded >= UInt8(ascii: "a"), folded <= UInt8(ascii: "z") else {
                return false
            }
        }
        return true
    }
}
