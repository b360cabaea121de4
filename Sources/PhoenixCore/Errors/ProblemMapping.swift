/// The one place that maps error codes to HTTP statuses and RFC 9457 problem documents.
public enum ProblemMapping {
    /// The HTTP status for a code.
    public static func status(for code: PhoenixError.Code) -> Int {
        switch code {
        case .notFound, .kindNotServed: 404
        case .conflict, .resourceRunning, .invalidTransition: 409
        case .invalidField, .invalidJSON, .invalidConfig: 400
        case .unsupportedMediaType: 415
        case .unsupported: 501
        case .unauthorized: 401
        case .forbidden: 403
        case .payloadTooLarge: 413
        case .methodNotAllowed: 405
        case .backendUnavailable: 503
        case .timeout: 504
        case .backendFailure: 502
        default: 500
        }
    }

    /// A short human title for a code (the problem's `title`).
    public static func title(for code: PhoenixError.Code) -> String {
        switch code {
        case .notFound: "Not found"
        case .kindNotServed: "Kind not served on this host"
        case .conflict: "Conflict"
        case .resourceRunning: "Resource is running"
        case .invalidTransition: "Invalid status transition"
        case .invalidField: "Invalid field"
        case .invalidJSON: "Malformed JSON"
        case .invalidConfig: "Invalid configuration"
        case .unsupportedMediaType: "Unsupported media type"
        case .unsupported: "Not supported by this driver"
        case .unauthorized: "Unauthorized"
        case .forbidden: "Forbidden"
        case .payloadTooLarge: "Payload too large"
        case .methodNotAllowed: "Method not allowed"
        case .backendUnavailable: "Backend unavailable"
        case .timeout: "Backend timeout"
        case .backendFailure: "Backend failure"
        default: "Internal error"
        }
    }

    /// The RFC 9457 problem object for an error.
    public static func problem(for error: PhoenixError, instance: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "type": .string("urn:phoenix:problem:\(error.code.rawValue)"),
            "title": .string(title(for: error.code)),
            "status": .int(status(for: error.code)),
            "detail": .string(error.message),
            "code": .string(error.code.rawValue),
        ]
        if let field = error.field { members["field"] = .string(field) }
        if let instance { members["instance"] = .string(instance) }
        return .object(members)
    }

    /// The complete HTTP response for an error.
    public static func response(for error: PhoenixError, instance: String? = nil) -> HTTPResponse {
        let body = JSONWriter(keyOrder: ["type", "title", "status", "detail", "code", "field", "instance"])
            .bytes(problem(for: error, instance: instance))
        return HTTPResponse(status: status(for: error.code),
                            headers: [("Content-Type", "application/problem+json")], body: body)
    }
}
