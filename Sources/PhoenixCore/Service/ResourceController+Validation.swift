extension ResourceController {
    /// Turns a POST body into a checked create before anything is reserved or created:
    /// the JSON shapes of `id`, `name` and `status` here, everything else through the
    /// driver's declarations (`DriverCapabilities.validatedCreate`).
    func validatedCreate(_ body: [String: JSONValue]) throws -> (name: String, status: ResourceStatus, fields: [String: JSONValue]) {
        if let id = body["id"] {
            guard let number = id.intValue else { throw PhoenixError.invalidField("id", "'id' must be an integer.") }
            guard (1...999_999_999).contains(number) else {
                throw PhoenixError.invalidField("id", "'id' must be between 1 and 999999999.")
            }
        }
        guard let rawName = body["name"] else { throw PhoenixError.invalidField("name", "'name' is required.") }
        guard let name = rawName.stringValue else { throw PhoenixError.invalidField("name", "'name' must be a string.") }
        var status = ResourceStatus.stopped
        if let rawStatus = body["status"] {
            guard let requested = rawStatus.stringValue.flatMap(ResourceStatus.init(rawValue:)) else {
                throw PhoenixError.invalidField("status", "'status' of a new resource must be 'running' or 'stopped'.")
            }
            status = requested
        }
        var fields = body
        for key in Self.commonMembers { fields[key] = nil }
        return (name, status, try capabilities.validatedCreate(name: name, status: status, fields: fields))
    }

    /// Turns a PUT body into the change from `current`: members equal to the current state
    /// are dropped (so a resource can be PUT back whole, read-only members and all), and
    /// what is left is checked through the driver's declarations (`DriverCapabilities.validate`).
    func validatedChange(_ body: [String: JSONValue], id: Int, current: DriverResource) throws -> ResourceChange {
        var change = ResourceChange()
        for (key, value) in body {
            switch key {
            case "id":
                guard value == .int(id) else { throw PhoenixError.invalidField("id", "'id' cannot be changed.") }
            case "name":
                guard let name = value.stringValue else { throw PhoenixError.invalidField("name", "'name' must be a string.") }
                if name != current.name { change.name = name }
            case "status":
                guard let status = value.stringValue.flatMap(ResourceStatus.init(rawValue:)) else {
                    throw PhoenixError.invalidField("status", "'status' must be one of running, stopped, paused.")
                }
                if status != current.status { change.status = status }
            default:
                if value != current.fields[key] { change.fields[key] = value }
            }
        }
        try capabilities.validate(change)
        return change
    }
}
