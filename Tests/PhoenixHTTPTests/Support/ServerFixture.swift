import PhoenixTestSupport
import PhoenixCore
import PhoenixHTTP
import Testing

/// Quiet logs for tests: access lines are info, so only warnings show.
let testLog = Log(minimumLevel: .warning, label: "http-test")

/// Starts a server on `host` port 0 and returns it with the port the system picked.
func startServer(_ handler: some HTTPHandler, limits: HTTPLimits = HTTPLimits(),
                 host: String = "127.0.0.1") throws -> (server: HTTPServer, port: Int) {
    let address = try #require(ListenAddress(host.contains(":") ? "[\(host)]:0" : "\(host):0"))
    let server = HTTPServer(address: address, limits: limits, handler: handler, log: testLog)
    try server.start()
    let port = try #require(server.port)
    return (server, port)
}
