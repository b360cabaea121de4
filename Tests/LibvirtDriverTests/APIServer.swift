import Foundation
import LibvirtDriver
import PhoenixApp
import PhoenixCore
import PhoenixTestSupport

/// A real Phoenix server on loopback serving `vms` through the libvirt driver.
struct APIServer {
    let running: RunningServer
    let key: String
    private let executor = BlockingExecutor(label: "phoenix.test.http-client")

    /// Starts the server with the libvirt driver and `options`; other kinds are off.
    static func start(stateDirectory: String, options: [String: JSONValue]) async throws -> APIServer {
        let config = PhoenixConfig(listen: "127.0.0.1:0", stateDirectory: stateDirectory,
                                   kinds: [.vms: DriverSelection(driver: "libvirt", options: options)])
        let running = try await RunningServer.start(config: config, registry: DriverRegistry([LibvirtDriverFactory.factory]),
                                                    log: Log(minimumLevel: .error))
        guard let key = running.firstAdminKey else { throw PhoenixError(.internalError, "no admin key on a fresh store") }
        return APIServer(running: running, key: key)
    }

    /// Sends one request on a new loopback connection, off the cooperative pool (the test
    /// client blocks).
    func send(_ method: String, _ path: String, json: String? = nil) async throws -> (status: Int, json: JSONValue) {
        let port = running.address.port
        let key = key
        return try await executor.run {
            var headers = [("Authorization", "Bearer \(key)")]
            if json != nil { headers.append(("Content-Type", "application/json")) }
            let response = try TestHTTPClient(port: port).send(method, path, headers: headers, body: Array((json ?? "").utf8))
            return (response.status, response.json)
        }
    }

    /// Stops the server and closes its drivers.
    func stop() async {
        await running.stop(grace: .seconds(5))
    }
}
