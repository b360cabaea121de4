import PhoenixTestSupport
import Glibc
import PhoenixCore
import PhoenixHTTP
import Testing

@Suite("HTTP server over loopback")
struct HTTPServerTests {
    @Test func requestMethodPathQueryHeadersAndBodyReachTheHandler() async throws {
        let (server, port) = try startServer(EchoHandler())
        let response = try await fetch("127.0.0.1", port, "POST", "/api/v1/vms/101?b=two&a=1&flag",
                                       headers: [("X-Test", "hello"), ("Content-Type", "application/json")],
                                       body: Array("{\"x\":1}".utf8))
        #expect(response.status == 200)
        #expect(response.text == "POST /api/v1/vms/101\na=1&b=two&flag=\n{\"x\":1}")
        #expect(response.header("X-Echo") == "hello")
        #expect(response.header("Content-Type") == "text/plain")
        await server.shutdown(grace: .seconds(1))
    }

    @Test func bodyDeclaredOverTheLimitGets413BeforeItIsSentAndSkipsTheHandler() async throws {
        let handler = EchoHandler()
        let (server, port) = try startServer(handler, limits: HTTPLimits(maxBodyBytes: 1024))
        // Only the head goes out: the server must answer from Content-Length alone.
        let response = try await onThread {
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            try connection.sendHead(method: "PUT", path: "/big", contentLength: 4096)
            return try connection.readResponse()
        }
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.text.contains("\"code\":\"payload_too_large\""))
        #expect(handler.calls.count == 0)
        await server.shutdown(grace: .seconds(1))
    }

    @Test func chunkedBodyOverTheLimitGets413AndSkipsTheHandler() async throws {
        let handler = EchoHandler()
        let (server, port) = try startServer(handler, limits: HTTPLimits(maxBodyBytes: 1024))
        let response = try await onThread {
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 700)
            try connection.sendHead(method: "POST", path: "/big", headers: [("Transfer-Encoding", "chunked")])
            for _ in 0..<3 { try connection.write(Array("2bc\r\n".utf8) + chunk + Array("\r\n".utf8)) }
            try connection.write(Array("0\r\n\r\n".utf8))
            return try connection.readResponse()
        }
        #expect(response.status == 413)
        #expect(handler.calls.count == 0)
        await server.shutdown(grace: .seconds(1))
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() async throws {
        let (server, port) = try startServer(EchoHandler(), limits: HTTPLimits(maxBodyBytes: 1024))
        let body = [UInt8](repeating: UInt8(ascii: "z"), count: 1024)
        let response = try await fetch("127.0.0.1", port, "POST", "/exact", body: body)
        #expect(response.status == 200)
        #expect(response.text.hasSuffix(String(repeating: "z", count: 1024)))
        await server.shutdown(grace: .seconds(1))
    }

    @Test func twoRequestsShareOneKeepAliveConnection() async throws {
        let handler = EchoHandler()
        let (server, port) = try startServer(handler)
        let (first, second) = try await onThread {
            let connection = try TestHTTPClient(host: "127.0.0.1", port: port)
            let first = try connection.send("GET", "/one")
            let second = try connection.send("POST", "/two", body: Array("b".utf8))
            return (first, second)
        }
        #expect(first.status == 200 && first.text.hasPrefix("GET /one"))
        #expect(first.header("Connection")?.lowercased() != "close")
        #expect(second.status == 200 && second.text == "POST /two\n\nb")
        #expect(handler.calls.count == 2)
        await server.shutdown(grace: .seconds(1))
    }

    @Test func sixteenRequestsAreInsideTheHandlerAtOnceWithTwoMHDThreads() async throws {
        let count = 16
        let barrier = Barrier(expected: count)
        let (server, port) = try startServer(BarrierHandler(barrier: barrier), limits: HTTPLimits(threads: 2))
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            await barrier.timeOut()
        }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask { try await fetch("127.0.0.1", port, "GET", "/wait/\(index)").status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        watchdog.cancel()
        #expect(statuses == Array(repeating: 200, count: count))
        await server.shutdown(grace: .seconds(1))
    }

    @Test func listenSocketIsBoundToLoopbackOnlyWithTheChosenPort() async throws {
        let (server, port) = try startServer(EchoHandler())
        let bound = try #require(server.boundAddress)
        #expect(bound.host == "127.0.0.1")
        #expect(bound.port == port && port > 0)
        await server.shutdown(grace: .seconds(1))
        #expect(server.boundAddress == nil)
    }

    @Test(.enabled(if: ipv6LoopbackWorks()))
    func servesOnIPv6Loopback() async throws {
        let (server, port) = try startServer(EchoHandler(), host: "::1")
        #expect(server.boundAddress?.host == "::1")
        let response = try await fetch("::1", port, "GET", "/six?x=y")
        #expect(response.status == 200)
        #expect(response.text == "GET /six\nx=y\n")
        await server.shutdown(grace: .seconds(1))
    }

    @Test func bindingAPortInUseFailsWithInvalidConfig() async throws {
        let (first, port) = try startServer(EchoHandler())
        let second = HTTPServer(address: try #require(ListenAddress("127.0.0.1:\(port)")),
                                limits: HTTPLimits(), handler: EchoHandler(), log: testLog)
        let error = try #require(throws: PhoenixError.self) { try second.start() }
        #expect(error.code == .invalidConfig)
        #expect(error.field == "listen")
        await first.shutdown(grace: .seconds(1))
    }

    @Test func hostNameOtherThanLocalhostIsRefused() throws {
        let server = HTTPServer(address: try #require(ListenAddress("example.org:0")),
                                limits: HTTPLimits(), handler: EchoHandler(), log: testLog)
        let error = try #require(throws: PhoenixError.self) { try server.start() }
        #expect(error.code == .invalidConfig)
    }
}

/// Whether a socket can bind [::1] on this machine.
func ipv6LoopbackWorks() -> Bool {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
    } == 0
}
