extension DriverCapabilities {
    /// Checks what a create asks for against these declarations — the one rule the router
    /// applies to HTTP bodies and drivers apply when called directly (the conformance suite
    /// calls them without the router): a valid name, `stopped` or `running` (the latter only
    /// with a declared `start`), no read-only members, and declared settable fields of the
    /// right type with every required one present.
    /// - Returns: the fields with the declared defaults applied.
    /// - Throws: `invalidField` naming the first offending member, `unsupported` for
    ///   `running` without a declared `start`.
    public func validatedCreate(name: String, status: ResourceStatus,
                                fields: [String: JSONValue]) throws -> [String: JSONValue] {
        try NameRule.validate(name)
        guard status == .running || status == .stopped else {
            throw PhoenixError.invalidField("status", "'status' of a new resource must be 'running' or 'stopped'.")
        }
        if status == .running, !actions.contains(.start) {
            throw PhoenixError.unsupported("starting \(kind.rawValue)", driver: driver)
        }
        for key in fields.keys.sorted() where field(key)?.access == .readOnly {
            throw PhoenixError.invalidField(key, "'\(key)' is read-only.")
        }
        return try FieldSpec.validateMembers(fields, against: self.fields.filter { $0.access != .readOnly },
                                             applyDefaults: true)
    }

    /// `validatedCreate(name:status:fields:)` for a complete spec, also checking its id.
    /// - Returns: the spec with the declared defaults applied to its fields.
    /// - Throws: `invalidField`, `unsupported`.
    public func validated(_ spec: CreateSpec) throws -> CreateSpec {
        guard (1...999_999_999).contains(spec.id) else {
            throw PhoenixError.invalidField("id", "'id' must be between 1 and 999999999.")
        }
        var checked = spec
        checked.fields = try validatedCreate(name: spec.name, status: spec.status, fields: spec.fields)
        return checked
    }

    /// Checks a change against these declarations: a valid name, a requestable status, and
    /// only declared mutable fields of the right type (`null` where nullable). Whether the
    /// status can be reached from the current one is `requireAction`'s job.
    /// - Throws: `invalidField` naming the first offending member.
    public func validate(_ change: ResourceChange) throws {
        if let name = change.name { try NameRule.validate(name) }
        if let status = change.status, !ResourceStatus.requestable.contains(status) {
            throw PhoenixError.invalidField("status", "'status' must be one of running, stopped, paused.")
        }
        for (key, value) in change.fields.sorted(by: { $0.key < $1.key }) {
            guard let spec = field(key) else { throw PhoenixError.invalidField(key, "Unknown field '\(key)'.") }
            guard spec.access == .mutable else {
                let why = spec.access == .readOnly ? "is read-only" : "cannot be changed after creation"
                throw PhoenixError.invalidField(key, "'\(key)' \(why).")
            }
            if value == .null, spec.nullable { continue }
            try spec.type.validate(value, path: key)
        }
    }
}
