extension ResourceController {
    /// Checks a POST body completely before anything is reserved or created.
    func validatedCreate(_ body: [String: JSONValue]) throws -> (name: String, status: ResourceStatus, fields: [String: JSONValue]) {
        if let id = body["id"] {
            guard let number = id.intValue else { throw PhoenixError.invalidField("id", "'id' must be an integer.") }
            guard (1...999_999_999).contains(number) else {
                throw PhoenixError.invalidField("id", "'id' must be between 1 and 999999999.")
            }
        }
        guard let rawName = body["name"] else { throw PhoenixError.invalidField("name", "'name' is required.") }
        guard let name = rawName.stringValue else { throw PhoenixError.invalidField("name", "'name' must be a string.") }
        try NameRule.validate(name)
        var status = ResourceStatus.stopped
        if let rawStatus = body["status"] {
            guard let text = rawStatus.stringValue, let requested = ResourceStatus(rawValue: text),
                  requested == .running || requested == .stopped else {
                throw PhoenixError.invalidField("status", "'status' of a new resource must be 'running' or 'stopped'.")
            }
            status = requested
            if status == .running, !capabilities.actions.contains(.start) {
                throw PhoenixError.unsupported("starting \(kind.rawValue)", driver: capabilities.driver)
            }
        }
        var fields = body
        for key in Self.commonMembers { fields[key] = nil }
        for (key, _) in fields.sorted(by: { $0.key < $1.key }) {
            if let spec = capabilities.field(key), spec.access == .readOnly {
                throw PhoenixError.invalidField(key, "'\(key)' is read-only.")
            }
        }
        fields = try FieldSpec.validateMembers(fields, against: capabilities.fields.filter { $0.access != .readOnly },
                                               applyDefaults: true)
        return (name, status, fields)
    }

    /// Turns a PUT body into the change from `current`, rejecting unknown, ill-typed and
    /// unchangeable fields. Members equal to the current state are dropped.
    func validatedChange(_ body: [String: JSONValue], id: Int, current: DriverResource) throws -> ResourceChange {
        var change = ResourceChange()
        for (key, value) in body.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "id":
                guard value == .int(id) else { throw PhoenixError.invalidField("id", "'id' cannot be changed.") }
            case "name":
                guard let name = value.stringValue else { throw PhoenixError.invalidField("name", "'name' must be a string.") }
                try NameRule.validate(name)
                if name != current.name { change.name = name }
            case "status":
                guard let text = value.stringValue, let status = ResourceStatus(rawValue: text) else {
                    throw PhoenixError.invalidField("status", "'status' must be one of running, stopped, paused.")
                }
                if status == current.status { continue }
                guard ResourceStatus.requestable.contains(status) else {
                    throw PhoenixError.invalidField("status", "'status' must be one of running, stopped, paused.")
                }
                change.status = status
            default:
                guard let spec = capabilities.field(key) else {
                    throw PhoenixError.invalidField(key, "Unknown field '\(key)'.")
                }
                if value == current.fields[key] { continue }
                guard spec.access == .mutable else {
                    throw PhoenixError.invalidField(key, "'\(key)' cannot be changed after creation.")
                }
                if !(value == .null && spec.nullable) { try spec.type.validate(value, path: key) }
                change.fields[key] = value
            }
        }
        return change
    }
}
