import FixtureDriver
import Foundation
import PhoenixCore
import PhoenixStore
import PhoenixTestSupport

/// The whole API in process: the real router over a real SQLite store in a temp dir and
/// fixture drivers seeded from `fixtures/seed/default.json`.
struct APIHarness {
    static let seedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fixtures/seed/default.json").standardizedFileURL.path

    let directory: TemporaryDirectory
    let store: PhoenixStore
    let router: Router
    let drivers: [ResourceKind: FixtureDriver]
    let adminKey: String
    let writeKey: String
    let readKey: String

    /// - Parameters:
    ///   - served: the kinds given a driver (others are switched off).
    ///   - settings: fixture settings per kind; the default seeds from the default fixture.
    init(served: [ResourceKind] = ResourceKind.allCases, settings: (ResourceKind) throws -> FixtureSettings = Self.seeded) throws {
        directory = try TemporaryDirectory(prefix: "phoenix-core")
        let store = try PhoenixStore.open(directory: directory.path)
        self.store = store
        var drivers: [ResourceKind: FixtureDriver] = [:]
        for kind in served { drivers[kind] = FixtureDriver(kind: kind, settings: try settings(kind)) }
        self.drivers = drivers
        let controllers = drivers.reduce(into: [ResourceKind: ResourceController]()) { result, entry in
            result[entry.key] = ResourceController(kind: entry.key, driver: entry.value, index: store)
        }
        router = Router(controllers: controllers, keys: store, audit: store, log: Log(minimumLevel: .error))
        adminKey = try store.createKey(name: "admin", scope: .admin).secret
        writeKey = try store.createKey(name: "writer", scope: .write).secret
        readKey = try store.createKey(name: "reader", scope: .read).secret
    }

    static func seeded(_ kind: ResourceKind) throws -> FixtureSettings {
        try FixtureSettings(options: DriverOptions(["seed": .string(seedPath)]), kind: kind)
    }

    /// Sends a request through the router with the write key unless another is given.
    func call(_ method: String, _ path: String, json: JSONValue? = nil, body: String? = nil,
              key: String? = nil, headers: [(name: String, value: String)]? = nil) async -> HTTPResponse {
        var allHeaders = headers ?? [("Authorization", "Bearer \(key ?? writeKey)")]
        var bytes: [UInt8] = []
        if let json {
            bytes = JSONWriter().bytes(json)
            allHeaders.append(("Content-Type", "application/json"))
        } else if let body {
            bytes = Array(body.utf8)
            allHeaders.append(("Content-Type", "application/json"))
        }
        var query: [String: String] = [:]
        var path = path
        if let mark = path.firstIndex(of: "?") {
            for pair in path[path.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                query[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            path = String(path[..<mark])
        }
        return await router.handle(HTTPRequest(method: method, path: path, query: query, headers: allHeaders, body: bytes))
    }

    /// The response body as JSON.
    static func json(_ response: HTTPResponse) -> JSONValue {
        (try? JSONValue.parse(response.body)) ?? .null
    }

    /// The current list of `kind`, as the API returns it.
    func list(_ kind: ResourceKind) async -> JSONValue {
        Self.json(await call("GET", "/api/v1/\(kind.rawValue)"))
    }
}

extension HTTPResponse {
    var json: JSONValue { APIHarness.json(self) }
    var problemCode: String? { json["code"]?.stringValue }
}

/// A valid POST body for each kind.
func sampleBody(_ kind: ResourceKind, name: String, extra: [String: JSONValue] = [:]) -> JSONValue {
    var members: [String: JSONValue] = ["name": .string(name)]
    switch kind {
    case .containers: members["memory_mb"] = 256
    case .vms: members["vcpus"] = 2
    case .services: members["exec_start"] = "/usr/bin/sleep infinity"
    }
    members.merge(extra) { _, new in new }
    return .object(members)
}
