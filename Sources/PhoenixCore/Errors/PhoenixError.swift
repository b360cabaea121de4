/// The one error type of Phoenix: a stable machine-readable code, a message for people,
/// the request field it concerns (if any) and the underlying cause.
///
/// Drivers throw it for every failure a client should see; anything else that escapes a
/// driver is reported as `internal` without its text. `ProblemMapping` turns it into an
/// RFC 9457 problem.
public struct PhoenixError: Error, Sendable, CustomStringConvertible {
    /// A stable error code. New codes can be added without breaking users.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound = "not_found"
            case conflict
            case resourceRunning = "resource_running"
            case invalidTransition = "invalid_transition"
            case invalidField = "invalid_field"
            case invalidJSON = "invalid_json"
            case unsupportedMediaType = "unsupported_media_type"
            case unsupported
            case unauthorized
            case forbidden
            case payloadTooLarge = "payload_too_large"
            case methodNotAllowed = "method_not_allowed"
            case kindNotServed = "kind_not_served"
            case backendUnavailable = "backend_unavailable"
            case backendFailure = "backend_failure"
            case timeout
            case invalidConfig = "invalid_config"
            case internalError = "internal"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The code with this raw value (`"not_found"`), if there is one.
        public init?(rawValue: String) {
            guard let value = Value(rawValue: rawValue) else { return nil }
            self.value = value
        }

        /// The code as it appears in problems (`"not_found"`).
        public var rawValue: String { value.rawValue }
        public var description: String { value.rawValue }

        /// No resource (or route) with that identity.
        public static let notFound = Code(.notFound)
        /// The request conflicts with the current state (taken id, taken name).
        public static let conflict = Code(.conflict)
        /// Deleting a running resource without `?force=true`.
        public static let resourceRunning = Code(.resourceRunning)
        /// The requested status cannot be reached from the current one.
        public static let invalidTransition = Code(.invalidTransition)
        /// A field is missing, of the wrong type, unknown or out of range.
        public static let invalidField = Code(.invalidField)
        /// The body is not valid JSON.
        public static let invalidJSON = Code(.invalidJSON)
        /// The body is not `application/json`.
        public static let unsupportedMediaType = Code(.unsupportedMediaType)
        /// The driver serving this kind does not support the operation.
        public static let unsupported = Code(.unsupported)
        /// No valid API key.
        public static let unauthorized = Code(.unauthorized)
        /// The key lacks the scope the request needs.
        public static let forbidden = Code(.forbidden)
        /// The body is over the size limit.
        public static let payloadTooLarge = Code(.payloadTooLarge)
        /// The path exists but not with this method.
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// The kind is switched off on this host.
        public static let kindNotServed = Code(.kindNotServed)
        /// The backend cannot be reached right now (retry later).
        public static let backendUnavailable = Code(.backendUnavailable)
        /// The backend reported a failure it could not classify.
        public static let backendFailure = Code(.backendFailure)
        /// The backend did not answer in time.
        public static let timeout = Code(.timeout)
        /// A configuration file or option is invalid.
        public static let invalidConfig = Code(.invalidConfig)
        /// An unexpected error inside Phoenix.
        public static let internalError = Code(.internalError)
    }

    /// The stable code.
    public var code: Code
    /// A sentence for people; shown as the problem's `detail`.
    public var message: String
    /// The request field the error concerns, as a JSON path (`"memory_mb"`).
    public var field: String?
    /// The cause, kept for logs; never shown to clients.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let field { text += " (field \(field))" }
        if let underlying { text += " [\(underlying)]" }
        return text
    }
}

extension PhoenixError {
    /// No resource with that id.
    public static func notFound(_ what: String) -> PhoenixError {
        PhoenixError(.notFound, "\(what) was not found.")
    }

    /// The operation is not supported by this driver.
    public static func unsupported(_ operation: String, driver: String) -> PhoenixError {
        PhoenixError(.unsupported, "The \(driver) driver does not support \(operation).")
    }

    /// A field failed validation.
    public static func invalidField(_ field: String, _ message: String) -> PhoenixError {
        PhoenixError(.invalidField, message, field: field)
    }

    /// Wraps any error as a `PhoenixError`, hiding the text of unknown errors.
    public static func wrap(_ error: any Error) -> PhoenixError {
        if let phoenix = error as? PhoenixError { return phoenix }
        if error is CancellationError { return PhoenixError(.timeout, "The request was cancelled.") }
        return PhoenixError(.internalError, "An internal error occurred.", underlying: error)
    }
}
