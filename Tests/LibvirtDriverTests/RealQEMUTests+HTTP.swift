import Foundation
import PhoenixCore
import Testing

extension RealQEMUTests {
    @Test func apiDrivesARealDomainThroughEveryStatusAndVirshAgrees() async throws {
        let server = try await APIServer.start(stateDirectory: state.path,
                                               options: ["uri": "qemu:///system", "shutdown_grace_s": 1])
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        let name = "\(prefix)-http"

        let created = try await server.send("POST", "/api/v1/vms", json: #"{"name": "\#(name)", "vcpus": 1, "memory_mb": 64}"#)
        #expect(created.status == 201)
        #expect(created.json["status"] == "stopped")
        #expect(created.json["memory_mb"] == 64)
        let id = try #require(created.json["id"]?.intValue)
        #expect(try RealHypervisor.domstate(name) == "shut off")

        for (target, virsh) in [("running", "running"), ("paused", "paused"), ("running", "running"), ("stopped", "shut off")] {
            let updated = try await server.send("PUT", "/api/v1/vms/\(id)", json: #"{"status": "\#(target)"}"#)
            #expect(updated.status == 200, "PUT status \(target): \(updated.json)")
            #expect(updated.json["status"] == .string(target))
            #expect(try RealHypervisor.domstate(name) == virsh, "after PUT \(target)")
            let fetched = try await server.send("GET", "/api/v1/vms/\(id)")
            #expect(fetched.json["status"] == .string(target))
        }

        let listed = try await server.send("GET", "/api/v1/vms")
        #expect(listed.json.arrayValue?.contains { $0["id"] == .int(id) && $0["name"] == .string(name) } == true)

        _ = try await server.send("PUT", "/api/v1/vms/\(id)", json: #"{"status": "running"}"#)
        let refused = try await server.send("DELETE", "/api/v1/vms/\(id)")
        #expect(refused.status == 409)
        #expect(refused.json["code"] == "resource_running")
        #expect(try RealHypervisor.domstate(name) == "running")
        let deleted = try await server.send("DELETE", "/api/v1/vms/\(id)?force=true")
        #expect(deleted.status == 204)
        #expect(try RealHypervisor.domstate(name) == nil)
        #expect(try await server.send("GET", "/api/v1/vms/\(id)").status == 404)
        await server.stop()
    }

    @Test func apiAnswers503DuringALibvirtdRestartAndRecoversAfterIt() async throws {
        let server = try await APIServer.start(stateDirectory: state.path, options: ["uri": "qemu:///system"])
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        let created = try await server.send("POST", "/api/v1/vms", json: #"{"name": "\#(prefix)-outage", "memory_mb": 64}"#)
        let id = try #require(created.json["id"]?.intValue)
        #expect(try await server.send("GET", "/api/v1/vms").status == 200)

        let pid = try #require(RealHypervisor.libvirtdPID())
        kill(pid, SIGTERM)
        let clock = ContinuousClock()
        let stopDeadline = clock.now + .seconds(10)
        while kill(pid, 0) == 0 && clock.now < stopDeadline { try await Task.sleep(for: .milliseconds(50)) }

        for path in ["/api/v1/vms", "/api/v1/vms/\(id)"] {
            let start = clock.now
            let response = try await server.send("GET", path)
            #expect(response.status == 503, "\(path): \(response.json)")
            #expect(response.json["code"] == "backend_unavailable")
            #expect(clock.now - start < .seconds(15), "a dead daemon must fail the call, not hang it until keepalive (~20 s) gives up")
        }

        try RealHypervisor.setUp()
        let deadline = clock.now + .seconds(10)
        var status = 0
        while status != 200 && clock.now < deadline {
            status = try await server.send("GET", "/api/v1/vms/\(id)").status
            if status != 200 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(status == 200)
        #expect(try await server.send("DELETE", "/api/v1/vms/\(id)").status == 204)
        await server.stop()
    }
}
