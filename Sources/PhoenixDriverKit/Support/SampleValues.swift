public import PhoenixCore

/// Values derived from a field's declared type: valid ones for creating resources, and
/// invalid ones (wrong JSON type, out of range) the driver must reject.
public enum SampleValues {
    /// A valid value of `type`. Text fields whose name mentions a command (`exec_start`)
    /// get a long-running command so a real services backend can run them.
    public static func valid(_ type: FieldSpec.ValueType, field: String = "") -> JSONValue {
        switch type {
        case .integer(let range): .int(range.lowerBound)
        case .boolean: .bool(false)
        case .text(let maxLength):
            .string(String((commandLike(field) ? "/bin/sleep 3600" : "phx conformance").prefix(maxLength)))
        case .name: .string("phx-conf-sample")
        case .absolutePath: .string("/tmp/phx-conformance")
        case .choice(let options): options.first.map(JSONValue.string) ?? .null
        case .array: .array([])
        case .object(let specs):
            .object(Dictionary(uniqueKeysWithValues: specs.filter(\.required).map { ($0.name, valid($0.type, field: $0.name)) }))
        }
    }

    /// A valid value of `type` different from `current`, for update checks; `nil` when the
    /// type admits no other value the suite can make.
    public static func alternative(_ type: FieldSpec.ValueType, to current: JSONValue?, field: String = "") -> JSONValue? {
        let candidates: [JSONValue]
        switch type {
        case .integer(let range):
            candidates = [range.lowerBound, range.lowerBound &+ 1, range.upperBound].filter(range.contains).map(JSONValue.int)
        case .boolean: candidates = [.bool(true), .bool(false)]
        case .text(let maxLength):
            let base = commandLike(field) ? "/bin/sleep 3601" : "phx conformance changed"
            candidates = [base, "phx2"].map { .string(String($0.prefix(maxLength))) }
        case .name: candidates = [.string("phx-conf-alt"), .string("phx-conf-alt2")]
        case .absolutePath: candidates = [.string("/tmp/phx-conformance-alt"), .string("/tmp/phx-conformance-alt2")]
        case .choice(let options): candidates = options.map(JSONValue.string)
        case .array(let element, let maxCount):
            candidates = [.array([])] + (maxCount >= 1 ? [.array([valid(element)])] : [])
        case .object: candidates = []
        }
        return candidates.first { $0 != current }
    }

    /// A value of the wrong JSON type for `type`.
    public static func wrongType(_ type: FieldSpec.ValueType) -> JSONValue {
        switch type {
        case .integer: .string("1")
        case .boolean: .string("true")
        case .text, .name, .absolutePath, .choice: .int(1)
        case .array: .string("[]")
        case .object: .int(1)
        }
    }

    /// A value of the right JSON type that the type's limits exclude, if it has limits.
    public static func outOfRange(_ type: FieldSpec.ValueType) -> JSONValue? {
        switch type {
        case .integer(let range):
            if range.upperBound < Int.max { return .int(range.upperBound + 1) }
            if range.lowerBound > Int.min { return .int(range.lowerBound - 1) }
            return nil
        case .boolean, .object: return nil
        case .text(let maxLength): return .string(String(repeating: "x", count: maxLength + 1))
        case .name: return .string("Not A Valid Name")
        case .absolutePath: return .string("relative/../path")
        case .choice: return .string("phx-not-an-option")
        case .array(let element, let maxCount):
            return .array(Array(repeating: valid(element), count: maxCount + 1))
        }
    }

    /// The create fields for `specs`: a generated value for each required settable field,
    /// then `overrides` on top (fields with defaults are left to the driver).
    public static func createFields(for specs: [FieldSpec], overrides: [String: JSONValue]) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for spec in specs where spec.required && spec.access != .readOnly {
            fields[spec.name] = valid(spec.type, field: spec.name)
        }
        fields.merge(overrides) { _, override in override }
        return fields
    }

    private static func commandLike(_ field: String) -> Bool {
        field.contains("exec") || field.contains("command")
    }
}
