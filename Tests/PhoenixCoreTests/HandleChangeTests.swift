import FixtureDriver
import PhoenixCore
import PhoenixStore
import PhoenixTestSupport
import Testing

/// A driver whose backend keys resources by name (as some do), so renaming moves the handle.
/// It wraps the fixture driver and translates handles.
struct NameKeyedDriver: ResourceDriver {
    let inner: FixtureDriver
    var capabilities: DriverCapabilities { inner.capabilities }

    private func innerHandle(_ name: String) async throws -> String {
        guard let match = try await inner.list().first(where: { $0.name == name }) else {
            throw PhoenixError.notFound("Resource \(name)")
        }
        return match.handle
    }

    private func keyed(_ resource: DriverResource) -> DriverResource {
        var copy = resource
        copy.handle = resource.name
        return copy
    }

    func list() async throws -> [DriverResource] { try await inner.list().map(keyed) }
    func get(handle: String) async throws -> DriverResource { keyed(try await inner.get(handle: try await innerHandle(handle))) }
    func create(_ spec: CreateSpec) async throws -> DriverResource { keyed(try await inner.create(spec)) }
    func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        keyed(try await inner.update(handle: try await innerHandle(handle), change: change))
    }
    func delete(handle: String, force: Bool) async throws { try await inner.delete(handle: try await innerHandle(handle), force: force) }
}

@Suite struct HandleChangeTests {
    @Test func renameThatMovesTheHandleKeepsTheId() async throws {
        let directory = try TemporaryDirectory(prefix: "phoenix-handle")
        defer { directory.remove() }
        let store = try PhoenixStore.open(directory: directory.path)
        let driver = NameKeyedDriver(inner: FixtureDriver(kind: .vms))
        let controller = ResourceController(kind: .vms, driver: driver, index: store)
        let created = try await controller.create(body: ["name": "before", "vcpus": 2])
        let renamed = try await controller.update(id: created.id, body: ["name": "after"])
        #expect(renamed["name"] == "after")
        #expect(renamed["id"] == .int(created.id))
        // Found again by id, through the new handle, without a re-discovery giving a new id.
        #expect(try await controller.get(id: created.id)["name"] == "after")
        #expect(try await controller.list().map { $0["id"] } == [.int(created.id)])
        try await controller.delete(id: created.id, force: false)
        #expect(try await controller.list().isEmpty)
    }
}
