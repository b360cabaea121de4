/// Reads a request's JSON body: media type, size, syntax and top-level shape.
enum RequestBody {
    /// The body as a JSON object.
    /// - Throws: `unsupportedMediaType` when the body is not JSON, `invalidJSON` when it does
    ///   not parse, `invalidField` when it is not an object or is empty.
    static func object(of request: HTTPRequest) throws -> [String: JSONValue] {
        guard !request.body.isEmpty else {
            throw PhoenixError.invalidField("$", "A JSON object body is required.")
        }
        if let contentType = request.header("Content-Type") {
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
            guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw PhoenixError(.unsupportedMediaType,
                                   "The body must be application/json, not \(mediaType); with curl add -H 'Content-Type: application/json'.")
            }
        }
        guard let members = try JSONValue.parse(request.body).objectValue else {
            throw PhoenixError.invalidField("$", "The body must be a JSON object.")
        }
        return members
    }

    /// The boolean query parameter `name` (`true`/`false`/`1`/`0`), `false` when absent.
    /// - Throws: `invalidField` for any other value.
    static func flag(_ name: String, in request: HTTPRequest) throws -> Bool {
        guard let raw = request.query[name] else { return false }
        switch raw.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw PhoenixError.invalidField(name, "Query parameter '\(name)' must be true or false.")
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
