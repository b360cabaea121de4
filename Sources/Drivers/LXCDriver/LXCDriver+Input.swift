import PhoenixCore

extension LXCDriver {
    /// Checks a create spec against the driver's own declarations before anything touches
    /// the disk. The router validates HTTP bodies the same way, but the driver is also
    /// called directly (the conformance suite, `phoenixd conformance`), and an unchecked
    /// ill-typed `template` or an unknown field would otherwise be silently ignored and a
    /// container made anyway.
    /// - Throws: `invalidField` naming the first offending member.
    func validateCreate(_ spec: CreateSpec) throws {
        try NameRule.validate(spec.name, field: "name")
        guard spec.id > 0 else { throw PhoenixError.invalidField("id", "'id' must be a positive integer.") }
        guard spec.status == .stopped || spec.status == .running else {
            throw PhoenixError.invalidField("status", "'status' of a new container must be 'running' or 'stopped'.")
        }
        for key in spec.fields.keys.sorted() where capabilities.field(key)?.access == .readOnly {
            throw PhoenixError.invalidField(key, "'\(key)' is read-only.")
        }
        _ = try FieldSpec.validateMembers(spec.fields, against: capabilities.fields.filter { $0.access != .readOnly },
                                          applyDefaults: false)
    }

    /// Checks a change before the container's lock is taken: a valid name, a requestable
    /// status, and only declared, mutable fields of the right type. Without this a string
    /// `cpus` read as "no value" and removed the limit, and `template` or `pid` changes were
    /// dropped while the update reported success.
    /// - Throws: `invalidField` naming the first offending member.
    func validateChange(_ change: ResourceChange) throws {
        if let name = change.name { try NameRule.validate(name, field: "name") }
        if let status = change.status, !ResourceStatus.requestable.contains(status) {
            throw PhoenixError.invalidField("status", "'status' must be one of running, stopped, paused.")
        }
        for (key, value) in change.fields.sorted(by: { $0.key < $1.key }) {
            guard let field = capabilities.field(key) else {
                throw PhoenixError.invalidField(key, "Unknown field '\(key)'.")
            }
            guard field.access == .mutable else {
                let why = field.access == .readOnly ? "is read-only" : "cannot be changed after creation"
                throw PhoenixError.invalidField(key, "'\(key)' \(why).")
            }
            if value == .null, field.nullable { continue }
            try field.type.validate(value, path: key)
        }
    }
}
