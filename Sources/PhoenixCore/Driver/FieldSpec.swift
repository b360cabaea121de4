/// Describes one kind-specific field a driver accepts or reports.
///
/// The core validates every request body against the serving driver's field specs before
/// the driver is called, so type errors, unknown fields and out-of-range values never
/// reach a backend.
public struct FieldSpec: Sendable, Hashable {
    /// The JSON shape a field's value must have.
    public indirect enum ValueType: Sendable, Hashable {
        /// An integer in the range.
        case integer(ClosedRange<Int>)
        /// A boolean.
        case boolean
        /// A string of printable characters (no control characters) up to `maxLength` UTF-8 bytes.
        case text(maxLength: Int)
        /// A string satisfying `NameRule`.
        case name
        /// An absolute file-system path without `..` components or control characters.
        case absolutePath
        /// One of the listed strings.
        case choice([String])
        /// An array of values of one type, at most `maxCount` long.
        case array(ValueType, maxCount: Int)
        /// An object with exactly these fields (unknown members are rejected).
        case object([FieldSpec])
    }

    /// When a client may set the field.
    public enum Access: Sendable, Hashable {
        /// Reported only (`pid`, `uuid`). A request may repeat the current value; any other value is rejected.
        case readOnly
        /// Set in `POST` only.
        case createOnly
        /// Set in `POST` and changed in `PUT`.
        case mutable
    }

    /// The JSON member name (`memory_mb`).
    public var name: String
    /// The value's shape.
    public var type: ValueType
    /// When a client may set it.
    public var access: Access
    /// Whether `POST` must carry it (for settable fields without a default).
    public var required: Bool
    /// The value `POST` gets when the field is left out, if any.
    public var defaultValue: JSONValue?
    /// Whether `null` is accepted (meaning "none"/"unset").
    public var nullable: Bool
    /// One line for `docs/api.md` and the conformance report.
    public var summary: String

    /// Creates a field spec.
    public init(_ name: String, _ type: ValueType, access: Access = .mutable, required: Bool = false,
                default defaultValue: JSONValue? = nil, nullable: Bool = false, summary: String = "") {
        self.name = name
        self.type = type
        self.access = access
        self.required = required
        self.defaultValue = defaultValue
        self.nullable = nullable
        self.summary = summary
    }
}
