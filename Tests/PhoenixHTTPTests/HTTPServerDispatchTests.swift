import PhoenixTestSupport
import PhoenixCore
import PhoenixHTTP
import Testing

/// Answers `METHOD PATH` after waiting as the path says: `/now/…` does not suspend,
/// `/yield/…` suspends once and continues on Swift's pool (often answering before the
/// server suspended the connection), `/sleep/…` answers after 2 ms.
private struct PacedHandler: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path.hasPrefix("/yield/") {
            await Task.yield()
        } else if request.path.hasPrefix("/sleep/") {
            try? await Task.sleep(for: .milliseconds(2))
        }
        return HTTPResponse(status: 200, body: Array("\(request.method) \(request.path)".utf8))
    }
}

@Suite("HTTP server: handlers that answer at once, soon, or later")
struct HTTPServerDispatchTests {
    @Test func everyResponseOnAKeepAliveConnectionMatchesItsRequestWhateverTheHandlerWaitedFor() async throws {
        let (server, port) = try startServer(PacedHandler())
        let paths = (0..<30).map { index in ["/now", "/yield", "/sleep"][index % 3] + "/\(index)" }
        let texts = try await onThread {
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            return try paths.map { path in try connection.send("GET", path).text }
        }
        #expect(texts == paths.map { "GET \($0)" })
        await server.shutdown(grace: .seconds(1))
    }

    @Test func concurrentConnectionsMixingImmediateAndSuspendingHandlersAllGetTheirOwnAnswers() async throws {
        let (server, port) = try startServer(PacedHandler(), limits: HTTPLimits(threads: 2))
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<12 {
                group.addTask {
                    try await onThread {
                        let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
                        var wrong = 0
                        for index in 0..<20 {
                            let path = ["/now", "/yield", "/sleep"][(client + index) % 3] + "/\(client)-\(index)"
                            let response = try connection.send("GET", path)
                            if response.status != 200 || response.text != "GET \(path)" { wrong += 1 }
                        }
                        return wrong
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        await server.shutdown(grace: .seconds(1))
    }
}
