import PhoenixCore
import Synchronization

/// The fixture driver's in-memory backend. Every operation is a few dictionary accesses, so
/// a `Mutex` serialises concurrent requests more cheaply than an actor: an actor hop costs
/// a scheduling round trip whenever another request holds it, and forces a request that
/// started on the HTTP server's thread over to Swift's pool (see `docs/performance.md`).
final class FixtureState: Sendable {
    private struct Contents {
        var resources: [String: DriverResource] = [:]
        var order: [String] = []
        var nextHandle = 1

        func resource(_ handle: String) throws -> DriverResource {
            guard let resource = resources[handle] else { throw PhoenixError.notFound("Resource \(handle)") }
            return resource
        }

        func requireUniqueName(_ name: String, except handle: String?) throws {
            if resources.values.contains(where: { $0.name == name && $0.handle != handle }) {
                throw PhoenixError(.conflict, "The name '\(name)' is taken.", field: "name")
            }
        }
    }

    private let contents: Mutex<Contents>

    init(seed: [DriverResource]) {
        var contents = Contents()
        for resource in seed {
            contents.resources[resource.handle] = resource
            contents.order.append(resource.handle)
        }
        self.contents = Mutex(contents)
    }

    func all() -> [DriverResource] {
        contents.withLock { contents in contents.order.compactMap { contents.resources[$0] } }
    }

    func resource(_ handle: String) throws -> DriverResource {
        try contents.withLock { contents in try contents.resource(handle) }
    }

    func insert(id: Int?, name: String, status: ResourceStatus, fields: [String: JSONValue]) throws -> DriverResource {
        try contents.withLock { contents in
            try contents.requireUniqueName(name, except: nil)
            var handle: String
            repeat {
                handle = "fx-\(id.map(String.init) ?? "ext\(contents.nextHandle)")"
                contents.nextHandle += 1
            } while contents.resources[handle] != nil
            let resource = DriverResource(handle: handle, id: id, name: name, status: status, fields: fields)
            contents.resources[handle] = resource
            contents.order.append(handle)
            return resource
        }
    }

    /// Applies `body` to a copy and stores it only if `body` and the name check pass.
    func modify(_ handle: String, _ body: (inout DriverResource) throws -> Void) throws -> DriverResource {
        try contents.withLock { contents in
            var resource = try contents.resource(handle)
            try body(&resource)
            try contents.requireUniqueName(resource.name, except: handle)
            contents.resources[handle] = resource
            return resource
        }
    }

    func remove(_ handle: String, force: Bool) throws {
        try contents.withLock { contents in
            let resource = try contents.resource(handle)
            if resource.status.isActive, !force {
                throw PhoenixError(.resourceRunning,
                                   "'\(resource.name)' is \(resource.status.rawValue); stop it first or delete with ?force=true.")
            }
            contents.resources[handle] = nil
            contents.order.removeAll { $0 == handle }
        }
    }
}
