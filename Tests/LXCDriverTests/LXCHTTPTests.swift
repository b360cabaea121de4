import Dispatch
import Foundation
import LXCDriver
import PhoenixApp
import PhoenixCore
import PhoenixTestSupport
import Testing

/// The whole flow through phoenixd's real HTTP server on loopback, with the lxc driver
/// serving containers on a private lxcpath.
@Suite("LXC driver through the HTTP API", .serialized)
struct LXCHTTPTests {
    /// A started server plus the sandbox it serves.
    struct Served {
        let sandbox: LXCSandbox
        let server: RunningServer
        let key: String

        init() async throws {
            sandbox = try LXCSandbox()
            let config = PhoenixConfig(listen: "127.0.0.1:0", stateDirectory: sandbox.root + "/phoenixd",
                                       kinds: [.containers: DriverSelection(driver: "lxc", options: [
                                           "lxcpath": .string(sandbox.lxcpath), "shutdown_grace_s": 3,
                                       ])])
            server = try await RunningServer.start(config: config, registry: DriverRegistry([LXCDriver.factory]),
                                                   log: Log(minimumLevel: .warning))
            key = try #require(server.firstAdminKey)
        }

        /// One request on its own connection, on a GCD thread (the client blocks; the
        /// cooperative pool must stay free for the server's handlers).
        func send(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> TestHTTPClient.Response {
            let port = server.address.port
            let key = key
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        var headers = [("Authorization", "Bearer \(key)")]
                        var bytes: [UInt8] = []
                        if let body {
                            headers.append(("Content-Type", "application/json"))
                            bytes = JSONWriter().bytes(body)
                        }
                        return try TestHTTPClient(port: port).send(method, path.hasPrefix("/healthz") ? path : "/api/v1" + path,
                                                                  headers: headers, body: bytes)
                    })
                }
            }
        }

        func stop() async {
            await server.stop(grace: .seconds(5))
            sandbox.tearDown()
        }
    }

    @Test func containerLifecycleOverHTTPMatchesHostTools() async throws {
        let served = try await Served()
        let sandbox = served.sandbox
        let base = LXCSandbox.idBase()
        let handle = String(base + 1)

        for hostile in ["../evil", "a/b", "x\ny"] {
            let rejected = try await served.send("POST", "/containers", ["name": .string(hostile), "id": .int(base + 9)])
            #expect(rejected.status == 400)
            #expect(rejected.json["code"] == "invalid_field")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.lxcpath).isEmpty)

        let created = try await served.send("POST", "/containers",
                                            ["name": "web", "id": .int(base + 1), "template": "busybox", "memory_mb": 128])
        #expect(created.status == 201)
        #expect(created.json["id"] == .int(base + 1))
        #expect(created.json["status"] == "stopped")
        #expect(sandbox.lxcLs() == [handle])

        let started = try await served.send("PUT", "/containers/\(handle)", ["status": "running"])
        #expect(started.status == 200)
        #expect(started.json["status"] == "running")
        let pid = try #require(started.json["pid"]?.intValue)
        #expect(sandbox.lxcPID(handle) == pid)
        #expect(sandbox.attach(handle, ["/bin/hostname"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == handle)
        #expect(LXCSandbox.memoryLimit(ofPID: pid) == String(128 * 1_048_576))

        #expect(try await served.send("PUT", "/containers/\(handle)", ["status": "paused"]).json["status"] == "paused")
        #expect(sandbox.lxcState(handle) == "FROZEN")
        #expect(try await served.send("PUT", "/containers/\(handle)", ["status": "running"]).json["status"] == "running")
        #expect(sandbox.lxcState(handle) == "RUNNING")

        let refused = try await served.send("DELETE", "/containers/\(handle)")
        #expect(refused.status == 409)
        #expect(refused.json["code"] == "resource_running")
        #expect(refused.json["detail"]?.stringValue?.contains("?force=true") == true)

        #expect(try await served.send("PUT", "/containers/\(handle)", ["status": "stopped"]).json["status"] == "stopped")
        #expect(sandbox.lxcState(handle) == "STOPPED")

        let clone = try await served.send("POST", "/containers", ["name": "web-copy", "id": .int(base + 2), "clone_from": "web"])
        #expect(clone.status == 201)
        #expect(clone.json["cloned_from"] == "web")
        let listed = try await served.send("GET", "/containers")
        #expect(listed.json.arrayValue?.map { $0["name"] } == ["web", "web-copy"])
        #expect(sandbox.lxcLs() == [handle, String(base + 2)].sorted())

        #expect(try await served.send("DELETE", "/containers/\(base + 2)").status == 204)
        #expect(try await served.send("DELETE", "/containers/\(handle)?force=true").status == 204)
        #expect(sandbox.lxcLs().isEmpty)
        #expect(try await served.send("GET", "/containers").json == .array([]))
        await served.stop()
    }

    @Test(.timeLimit(.minutes(4)))
    func twentyConcurrentCreatesOverHTTPWhileReadsAreServed() async throws {
        let served = try await Served()
        let sandbox = served.sandbox
        let base = LXCSandbox.idBase()
        let ids = (1...20).map { base + $0 }
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for id in ids {
                group.addTask {
                    [try await served.send("POST", "/containers", ["name": .string("c\(id)"), "id": .int(id), "status": "running"]).status]
                }
            }
            group.addTask {
                var reads: [Int] = []
                for _ in 0..<20 {
                    reads.append(try await served.send("GET", "/containers").status)
                    reads.append(try await served.send("GET", "/healthz").status)
                }
                return reads
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.filter { $0 == 201 }.count == 20)
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 200 })
        #expect(ids.allSatisfy { sandbox.lxcState(String($0)) == "RUNNING" })
        #expect(sandbox.processesUsingLXCPath().filter { $0.contains("phoenix-lxc-helper") }.isEmpty)
        for id in ids {
            #expect(try await served.send("DELETE", "/containers/\(id)?force=true").status == 204)
        }
        #expect(sandbox.lxcLs().isEmpty)
        try await Task.sleep(for: .milliseconds(200))
        #expect(sandbox.processesUsingLXCPath() == [])
        #expect(ids.flatMap { LXCSandbox.leftoverCgroups(String($0)) } == [])
        await served.stop()
    }
}
