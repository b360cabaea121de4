import FixtureDriver
import Foundation
import PhoenixApp
import PhoenixCore
import PhoenixTestSupport
import Testing

/// The real server (store, router, libmicrohttpd) started in process on 127.0.0.1:0 with the
/// embedded default, spoken to over real sockets.
struct LoopbackServer {
    let running: RunningServer
    let state: TemporaryDirectory
    let writeKey: String
    let readKey: String

    static func start(maxBodyBytes: Int = 1 << 20) async throws -> LoopbackServer {
        let state = try TemporaryDirectory(prefix: "phoenix-loopback")
        let seed = PhoenixdProcess.fixtures + "/seed/default.json"
        let selection = DriverSelection(driver: "fixture", options: ["seed": .string(seed)])
        let config = PhoenixConfig(listen: "127.0.0.1:0", stateDirectory: state.path,
                                   defaultSelections: Dictionary(uniqueKeysWithValues: ResourceKind.allCases.map { ($0, selection) }),
                                   maxBodyBytes: maxBodyBytes, threads: 2, shutdownGraceSeconds: 5)
        let running = try await RunningServer.start(config: config, registry: DriverRegistry([FixtureDriver.factory]),
                                                    log: Log(minimumLevel: .warning))
        let writeKey = try running.store.createKey(name: "writer", scope: .write).secret
        let readKey = try running.store.createKey(name: "reader", scope: .read).secret
        return LoopbackServer(running: running, state: state, writeKey: writeKey, readKey: readKey)
    }

    func client() throws -> TestHTTPClient { try TestHTTPClient(port: running.address.port) }

    func stop() async {
        await running.stop(grace: .seconds(5))
        state.remove()
    }
}

extension TestHTTPClient {
    func call(_ method: String, _ path: String, key: String?, json: String? = nil) async throws -> Response {
        var headers: [(String, String)] = []
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try await request(method, path, headers: headers, body: Array((json ?? "").utf8))
    }
}

@Suite("Every endpoint over real loopback HTTP")
struct LoopbackAPITests {
    static let bodies: [ResourceKind: String] = [
        .containers: #"{"name": "wire-c", "memory_mb": 256, "status": "running"}"#,
        .vms: #"{"name": "wire-v", "vcpus": 2, "disks": [{"size_gb": 10}]}"#,
        .services: #"{"name": "wire-s", "exec_start": "/usr/bin/python3 -m http.server"}"#,
    ]

    @Test(arguments: ResourceKind.allCases)
    func fullLifecycleOverTheWire(kind: ResourceKind) async throws {
        let server = try await LoopbackServer.start()
        let http = try server.client()
        let base = "/api/v1/\(kind.rawValue)"
        let key = server.writeKey

        let created = try await http.call("POST", base, key: key, json: Self.bodies[kind])
        #expect(created.status == 201)
        let id = try #require(created.json["id"]?.intValue)
        #expect(created.header("Location") == "\(base)/\(id)")
        #expect(try await http.call("GET", base, key: key).json.arrayValue?.contains(created.json) == true)
        #expect(try await http.call("GET", "\(base)/\(id)", key: key).json == created.json)

        let started = try await http.call("PUT", "\(base)/\(id)", key: key, json: #"{"status": "running"}"#)
        #expect(started.status == 200)
        #expect(started.json["status"] == "running")
        let paused = try await http.call("PUT", "\(base)/\(id)", key: key, json: #"{"status": "paused"}"#)
        #expect(paused.json["status"] == "paused")

        let refused = try await http.call("DELETE", "\(base)/\(id)", key: key)
        #expect(refused.status == 409)
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(try await http.call("DELETE", "\(base)/\(id)?force=true", key: key).status == 204)
        #expect(try await http.call("GET", "\(base)/\(id)", key: key).status == 404)
        await server.stop()
    }

    @Test(arguments: ResourceKind.allCases)
    func errorsOverTheWireChangeNothing(kind: ResourceKind) async throws {
        let server = try await LoopbackServer.start(maxBodyBytes: 4096)
        let http = try server.client()
        let base = "/api/v1/\(kind.rawValue)"
        let before = try await http.call("GET", base, key: server.readKey).json

        #expect(try await http.call("GET", base, key: nil).status == 401)
        #expect(try await http.call("GET", base, key: "phx_" + String(repeating: "0", count: 64)).status == 401)
        #expect(try await http.call("POST", base, key: server.readKey, json: Self.bodies[kind]).status == 403)
        #expect(try await http.call("GET", "\(base)/99999", key: server.readKey).status == 404)
        #expect(try await http.call("PUT", "\(base)/99999", key: server.writeKey, json: "{}").status == 404)
        #expect(try await http.call("DELETE", "\(base)/99999", key: server.writeKey).status == 404)
        let malformed = try await http.call("POST", base, key: server.writeKey, json: #"{"name": "#)
        #expect(malformed.status == 400)
        #expect(malformed.json["code"] == "invalid_json")
        let badName = try await http.call("POST", base, key: server.writeKey, json: #"{"name": "../../etc/passwd"}"#)
        #expect(badName.status == 400)
        #expect(badName.json["field"] == "name")
        let huge = #"{"name": "big", "description": ""# + String(repeating: "x", count: 8000) + #""}"#
        let tooLarge = try await http.call("POST", base, key: server.writeKey, json: huge)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.json["code"] == "payload_too_large")
        let wrongMethod = try await server.client().call("PATCH", base, key: server.writeKey)
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET, POST")

        #expect(try await server.client().call("GET", base, key: server.readKey).json == before)
        await server.stop()
    }

    @Test func manyClientsAtOnceEachGetTheirOwnAnswer() async throws {
        let server = try await LoopbackServer.start()
        let key = server.writeKey
        let port = server.running.address.port
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let http = try TestHTTPClient(port: port)
                    let response = try await http.call("POST", "/api/v1/containers", key: key, json: #"{"name": "par-\#(index)"}"#)
                    guard response.status == 201, response.json["name"] == .string("par-\(index)") else {
                        throw PhoenixError(.internalError, "create \(index) answered \(response.status)")
                    }
                    return try #require(response.json["id"]?.intValue)
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 24)
        #expect(Set(ids) == Set(100..<124))
        let list = try await server.client().call("GET", "/api/v1/containers", key: key).json.arrayValue ?? []
        #expect(list.count == 26)
        await server.stop()
    }
}
