import Dispatch
import Foundation
public import PhoenixCore
import PhoenixHTTP
public import PhoenixStore

/// `phoenixd [serve]`: opens the store, builds the configured drivers, serves HTTP until
/// SIGTERM or SIGINT, then shuts down gracefully and exits 0.
struct ServeCommand {
    let app: PhoenixApp
    let arguments: CommandLineArguments

    func run() async throws -> Int32 {
        try arguments.rejectUnknown(["config", "state-dir", "listen"])
        let config = try app.configuration(arguments)
        let log = Log()
        let running = try await RunningServer.start(config: config, registry: app.registry, log: log)
        log.info("phoenixd \(PhoenixVersion.current) listening on http://\(running.address)/api/v1 (state in \(config.stateDirectory))")
        let signal = await SignalWaiter.wait(for: [SIGTERM, SIGINT])
        log.info("received \(signal == SIGTERM ? "SIGTERM" : "SIGINT"); shutting down")
        await running.stop(grace: .seconds(config.shutdownGraceSeconds))
        log.info("stopped")
        return 0
    }
}

/// A started server with its store and drivers, so tests and `serve` share one start-up path.
public struct RunningServer: Sendable {
    /// The address actually bound (with the real port when 0 was asked).
    public let address: ListenAddress
    /// The store.
    public let store: PhoenixStore
    /// The admin key created at first start, if this start created it.
    public let firstAdminKey: String?
    private let server: HTTPServer
    private let drivers: [ResourceKind: any ResourceDriver]

    /// Opens the store (creating the first admin key on an empty one and printing it once),
    /// builds the drivers and starts listening.
    /// - Throws: `invalidConfig` for a bad selection, store and bind errors.
    public static func start(config: PhoenixConfig, registry: DriverRegistry, log: Log) async throws -> RunningServer {
        let store = try PhoenixStore.open(directory: config.stateDirectory)
        guard let listen = ListenAddress(config.listen) else {
            throw PhoenixError(.invalidConfig, "Invalid listen address \(config.listen).", field: "listen")
        }
        let dropped = try store.dropReservations()
        if dropped > 0 {
            log.info("released \(dropped) id reservation(s) left by an interrupted create")
        }
        var firstKey: String?
        if try !store.hasAnyKey() {
            firstKey = try store.createKey(name: "admin", scope: .admin).secret
        }
        let drivers = try await registry.makeDrivers(for: config, log: log)
        for kind in ResourceKind.allCases {
            let selection = config.selection(for: kind)
            let options = selection.options.isEmpty ? "" : " " + JSONWriter().string(.object(selection.options))
            log.info("\(kind.rawValue): served by driver '\(selection.driver)'\(options)")
        }
        let controllers = drivers.reduce(into: [ResourceKind: ResourceController]()) { result, entry in
            result[entry.key] = ResourceController(kind: entry.key, driver: entry.value, index: store)
        }
        let router = Router(controllers: controllers, keys: store, audit: store, log: log)
        let limits = HTTPLimits(maxBodyBytes: config.maxBodyBytes, connectionTimeoutSeconds: config.connectionTimeoutSeconds,
                                connectionLimit: config.connectionLimit, threads: config.threads)
        let server = HTTPServer(address: listen, limits: limits, handler: router, log: log)
        do {
            try server.start()
        } catch {
            for driver in drivers.values { await driver.close() }
            throw error
        }
        var bound = listen
        bound.port = server.port ?? listen.port
        if let firstKey {
            print("""
                Created the first admin API key. It is shown only this once; keep it safe:

                    \(firstKey)

                Try it:
                    curl -H 'Authorization: Bearer \(firstKey)' http://\(bound)/api/v1/containers

                """)
            fflush(nil)
        }
        return RunningServer(address: bound, store: store, firstAdminKey: firstKey, server: server, drivers: drivers)
    }

    /// Stops accepting, lets in-flight requests finish within `grace`, closes the drivers.
    public func stop(grace: Duration) async {
        await server.shutdown(grace: grace)
        for driver in drivers.values { await driver.close() }
    }
}
