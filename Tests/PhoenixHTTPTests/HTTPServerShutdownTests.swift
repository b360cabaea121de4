import PhoenixTestSupport
import Glibc
import PhoenixCore
import PhoenixHTTP
import Testing

@Suite("HTTP server shutdown")
struct HTTPServerShutdownTests {
    @Test func inFlightRequestCompletesAndNewConnectionsAreRefused() async throws {
        let gate = Gate()
        let (server, port) = try startServer(GatedHandler(gate: gate))
        let inFlight = Task { try await fetch("127.0.0.1", port, "GET", "/slow") }
        try await waitUntil { await gate.entered == 1 }

        let stopping = Task { await server.shutdown(grace: .seconds(10)) }
        // While draining, the kernel refuses new connections.
        try await waitUntil { connectionRefused(port) }
        await gate.open()

        let response = try await inFlight.value
        #expect(response.status == 200)
        #expect(response.text == "done")
        #expect(response.header("Connection")?.lowercased() == "close")
        await stopping.value
        #expect(connectionRefused(port))
    }

    @Test func requestStillRunningWhenGraceEndsGets503AndShutdownReturns() async throws {
        let gate = Gate()
        let (server, port) = try startServer(GatedHandler(gate: gate))
        let inFlight = Task { try await fetch("127.0.0.1", port, "GET", "/stuck") }
        try await waitUntil { await gate.entered == 1 }

        await server.shutdown(grace: .milliseconds(200))
        let response = try await inFlight.value
        #expect(response.status == 503)
        #expect(response.text.contains("\"code\":\"backend_unavailable\""))
        #expect(connectionRefused(port))
        await gate.open()
    }

    @Test func clientThatLeftDuringTheHandlerDoesNotHoldTheDrainOpen() async throws {
        let gate = Gate()
        let (server, port) = try startServer(GatedHandler(gate: gate))
        try await onThread {
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            try connection.sendHead(method: "GET", path: "/abandoned")
        }  // the connection is closed here, while the handler waits at the gate
        try await waitUntil { await gate.entered == 1 }
        await gate.open()
        // The server still answers others, and the abandoned request completes.
        let next = try await fetch("127.0.0.1", port, "GET", "/next")
        #expect(next.status == 200)
        let elapsed = await ContinuousClock().measure { await server.shutdown(grace: .seconds(10)) }
        #expect(elapsed < .seconds(5))
    }

    @Test func shutdownOfIdleServerWithOpenKeepAliveConnectionReturnsPromptly() async throws {
        let (server, port) = try startServer(EchoHandler())
        let connection = try await onThread { () -> Bool in
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            _ = try connection.send("GET", "/keep")
            return true
        }
        #expect(connection)
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await server.shutdown(grace: .seconds(10)) }
        // Idle keep-alive connections do not hold the drain open.
        #expect(elapsed < .seconds(5))
    }
}

/// Polls `condition` every 10 ms; fails after 5 s.
func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now.advanced(by: .seconds(5))
    while await !condition() {
        try #require(ContinuousClock.now < deadline, "condition not reached within 5 s")
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Whether connecting to 127.0.0.1:`port` is refused right now.
func connectionRefused(_ port: Int) -> Bool {
    do {
        _ = try TestHTTPClient(host: "127.0.0.1", port: port)
        return false
    } catch {
        return error as? TestClientError == .connect(errno: ECONNREFUSED)
    }
}
