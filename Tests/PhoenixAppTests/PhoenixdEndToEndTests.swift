import Foundation
import PhoenixCore
import PhoenixTestSupport
import Testing

@Suite("phoenixd as a user runs it", .serialized)
struct PhoenixdEndToEndTests {
    @Test func firstStartPrintsAnAdminKeyOnceAndTheSeedCurlExampleWorks() async throws {
        let state = try TemporaryDirectory(prefix: "phoenixd")
        defer { state.remove() }
        let server = try PhoenixdProcess(["--state-dir", state.path, "--listen", "127.0.0.1:0"])
        let port = try await server.waitForPort()
        let key = try await server.firstAdminKey()
        #expect(server.stdout.contains("curl -H 'Authorization: Bearer \(key)' http://127.0.0.1:\(port)/api/v1/containers"))
        #expect(server.stderr.contains("containers: served by driver 'fixture'"))
        #expect(server.stderr.contains("vms: served by driver 'libvirt' {\"uri\":\"test:///default\"}"))
        #expect(server.stderr.contains("services: served by driver 'fixture'"))
        let client = try TestHTTPClient(port: port)
        let response = try await client.request("GET", "/api/v1/containers", headers: [("Authorization", "Bearer \(key)")])
        #expect(response.status == 200)
        #expect(response.json.arrayValue?.map { $0["id"] } == [950, 951])
        #expect(response.json.arrayValue?.map { $0["status"] } == ["running", "running"])
        // The access-log line is written when libmicrohttpd reports the request complete,
        // which may be just after the client has its response.
        try await server.waitForOutput("GET /api/v1/containers 200")
        #expect(!server.stderr.contains(key))
        server.signal(SIGTERM)
        #expect(try await server.wait() == 0)

        let again = try PhoenixdProcess(["--state-dir", state.path, "--listen", "127.0.0.1:0"])
        _ = try await again.waitForPort()
        again.signal(SIGINT)
        #expect(try await again.wait() == 0)
        // Read after exit, when everything it printed has arrived.
        #expect(!again.stdout.contains("phx_"))
    }

    @Test func keysCommandsPrintOnlyTheKeyAndRevokeTakesEffectOnARunningServer() async throws {
        let state = try TemporaryDirectory(prefix: "phoenixd-keys")
        defer { state.remove() }
        let server = try PhoenixdProcess(["--state-dir", state.path, "--listen", "127.0.0.1:0"])
        let port = try await server.waitForPort()
        let created = try await PhoenixdProcess.run(["keys", "create", "--name", "ci", "--scope", "read", "--state-dir", state.path])
        #expect(created.status == 0)
        let lines = created.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let key = String(try #require(lines.first))
        #expect(key.hasPrefix("phx_") && key.count >= 4 + 32)

        let client = try TestHTTPClient(port: port)
        #expect(try await client.request("GET", "/api/v1/vms", headers: [("Authorization", "Bearer \(key)")]).status == 200)
        let denied = try await client.request("POST", "/api/v1/vms", headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")],
                                     body: Array(#"{"name":"x"}"#.utf8))
        #expect(denied.status == 403)

        let listed = try await PhoenixdProcess.run(["keys", "list", "--state-dir", state.path])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("ci") && listed.stdout.contains("read") && !listed.stdout.contains(key))
        let id = try #require(listed.stdout.split(separator: "\n").first { $0.contains(" ci ") }?.split(separator: " ").first)
        let revoked = try await PhoenixdProcess.run(["keys", "revoke", String(id), "--state-dir", state.path])
        #expect(revoked.status == 0)
        #expect(try await client.request("GET", "/api/v1/vms", headers: [("Authorization", "Bearer \(key)")]).status == 401)
        server.signal(SIGTERM)
        #expect(try await server.wait() == 0)
    }

    @Test func sigtermLetsAnInFlightRequestFinish() async throws {
        let state = try TemporaryDirectory(prefix: "phoenixd-term")
        defer { state.remove() }
        let config = state.path + "/phoenix.json"
        try #"{"kinds": {"vms": {"driver": "fixture", "options": {"latency_ms": {"list": 1500}}}}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        let server = try PhoenixdProcess(["--config", config, "--state-dir", state.path, "--listen", "127.0.0.1:0"])
        let port = try await server.waitForPort()
        let key = try await server.firstAdminKey()
        let slow = Task {
            try await TestHTTPClient(port: port).request("GET", "/api/v1/vms", headers: [("Authorization", "Bearer \(key)")])
        }
        try await Task.sleep(for: .milliseconds(400))
        server.signal(SIGTERM)
        let response = try await slow.value
        #expect(response.status == 200)
        #expect(try await server.wait() == 0)
        #expect(throws: (any Error).self) { try TestHTTPClient(port: port) }
    }

    @Test func checkConfigReportsEveryErrorWithItsPath() async throws {
        let state = try TemporaryDirectory(prefix: "phoenixd-check")
        defer { state.remove() }
        let bad = state.path + "/bad.json"
        try #"{"listen": "nowhere", "kinds": {"vms": {"driver": "vmware"}, "services": {"driver": "fixture", "options": {"fail": {"boot": "x"}}}}}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try await PhoenixdProcess.run(["check-config", bad])
        #expect(result.status == 1)
        #expect(result.stdout.contains("listen:"))
        #expect(result.stdout.contains("kinds.vms.driver: Unknown driver 'vmware'"))
        #expect(result.stdout.contains("fixture"))

        let good = state.path + "/good.json"
        try #"{"kinds": {"services": {"driver": "none"}}}"#.write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try await PhoenixdProcess.run(["check-config", good])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("services: none"))

        let options = state.path + "/options.json"
        try #"{"kinds": {"services": {"driver": "fixture", "options": {"fail": {"boot": "x"}}}}}"#
            .write(toFile: options, atomically: true, encoding: .utf8)
        let optionResult = try await PhoenixdProcess.run(["check-config", options])
        #expect(optionResult.status == 1)
        #expect(optionResult.stdout.contains("kinds.services.options.fail.boot"))
    }

    @Test func unknownDriverIsAStartupErrorNamingTheAvailableOnes() async throws {
        let state = try TemporaryDirectory(prefix: "phoenixd-bad")
        defer { state.remove() }
        let config = state.path + "/c.json"
        try #"{"kinds": {"containers": {"driver": "docker"}}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await PhoenixdProcess.run(["--config", config, "--state-dir", state.path, "--listen", "127.0.0.1:0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("docker"))
        #expect(result.stderr.contains("fixture"))
    }
}
