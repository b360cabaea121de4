import PhoenixCore

/// The fixture driver's in-memory backend; an actor so concurrent requests serialise.
actor FixtureState {
    private var resources: [String: DriverResource] = [:]
    private var order: [String] = []
    private var nextHandle = 1

    init(seed: [DriverResource]) {
        for resource in seed {
            resources[resource.handle] = resource
            order.append(resource.handle)
        }
    }

    func all() -> [DriverResource] {
        order.compactMap { resources[$0] }
    }

    func resource(_ handle: String) throws -> DriverResource {
        guard let resource = resources[handle] else { throw PhoenixError.notFound("Resource \(handle)") }
        return resource
    }

    func insert(id: Int?, name: String, status: ResourceStatus, fields: [String: JSONValue]) throws -> DriverResource {
        try requireUniqueName(name, except: nil)
        var handle: String
        repeat {
            handle = "fx-\(id.map(String.init) ?? "ext\(nextHandle)")"
            nextHandle += 1
        } while resources[handle] != nil
        let resource = DriverResource(handle: handle, id: id, name: name, status: status, fields: fields)
        resources[handle] = resource
        order.append(handle)
        return resource
    }

    func modify(_ handle: String, _ body: (inout DriverResource) throws -> Void) throws -> DriverResource {
        var resource = try resource(handle)
        try body(&resource)
        try requireUniqueName(resource.name, except: handle)
        resources[handle] = resource
        return resource
    }

    func remove(_ handle: String, force: Bool) throws {
        let resource = try resource(handle)
        if resource.status.isActive, !force {
            throw PhoenixError(.resourceRunning,
                               "'\(resource.name)' is \(resource.status.rawValue); stop it first or delete with ?force=true.")
        }
        resources[handle] = nil
        order.removeAll { $0 == handle }
    }

    private func requireUniqueName(_ name: String, except handle: String?) throws {
        if resources.values.contains(where: { $0.name == name && $0.handle != handle }) {
            throw PhoenixError(.conflict, "The name '\(name)' is taken.", field: "name")
        }
    }
}
