/// A complete HTTP response as the router hands it back to the transport.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields to send.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]
    /// The id of the API key that made the request, for the access log (never the key).
    public var keyID: Int?

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], keyID: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.keyID = keyID
    }

    /// A JSON response.
    public static func json(_ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers,
                     body: JSONWriter().bytes(value))
    }

    /// The value of the first header named `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Anything that answers HTTP requests: the router, or a test double in transport tests.
public protocol HTTPHandler: Sendable {
    /// Answers one request. Never throws: failures are problem responses.
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}
