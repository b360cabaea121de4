import Dispatch
import FixtureDriver
import Foundation
import LXCDriver
import PhoenixApp
import PhoenixCore
import PhoenixDriverKit
import Synchronization

/// `phoenixd conformance --kind KIND [--config FILE | --driver NAME --option K=V ...]`:
/// runs the driver conformance suite against a driver built from this build's registry, on
/// this host. The logic lives in `PhoenixDriverKit` (tested in-process); this file adds the
/// registry, backend hooks for built-in drivers that offer them, output and SIGINT.
enum ConformanceCLI {
    /// Runs the words after `conformance` and returns the exit status.
    static func run(_ arguments: [String]) async -> Int32 {
        if arguments.contains("--help") {
            writeLine(ConformanceInvocation.usage)
            return 0
        }
        do {
            let invocation = try ConformanceInvocation(arguments)
            let command = ConformanceCommand(invocation: invocation, registry: BuiltinDrivers.registry)
            var configText: String?
            if let path = invocation.configPath {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw PhoenixError(.invalidConfig, "Cannot read config file \(path).")
                }
                configText = String(decoding: data, as: UTF8.self)
            }
            let (selection, stateDirectory) = try command.selection(configText: configText, defaults: BuiltinDrivers.embeddedDefault,
                                                                    stateDirectory: StateDirectory.userDefault())
            let driver = try await command.makeDriver(selection, stateDirectory: stateDirectory)
            let suite = try ConformanceSuite(driver: driver, configuration: invocation.configuration(hooks: hooks(for: driver)))
            let status = await runInterruptibly(command, suite)
            await driver.close()
            return status
        } catch let error as PhoenixError {
            writeError("phoenixd conformance: \(error.field.map { "\($0): " } ?? "")\(error.message)\n\n\(ConformanceInvocation.usage)")
            return ConformanceCommand.usageFailure
        } catch {
            writeError("phoenixd conformance: \(error)")
            return ConformanceCommand.failure
        }
    }

    /// Backend hooks for the discovery checks, for drivers that offer a way to act behind
    /// their own back: the fixture's in-memory backend, and LXC's host tools
    /// (`lxc-create`/`lxc-destroy` on the driver's lxcpath, started with `posix_spawn`).
    static func hooks(for driver: any ResourceDriver) -> ConformanceHooks {
        if let fixture = driver as? FixtureDriver {
            return ConformanceHooks(createExternal: { name in try await fixture.insertExternal(name: name) },
                                    removeExternal: { handle in try await fixture.removeExternal(handle: handle) })
        }
        if let lxc = driver as? LXCDriver {
            return ConformanceHooks(createExternal: { name in try await lxc.createExternal(name: name) },
                                    removeExternal: { handle in try await lxc.removeExternal(handle: handle) })
        }
        return ConformanceHooks()
    }

    /// Runs the suite; the first SIGINT cancels it (the suite then removes what it made and
    /// says how much is left), a second exits at once.
    private static func runInterruptibly(_ command: ConformanceCommand, _ suite: ConformanceSuite) async -> Int32 {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "phoenix.conformance.sigint"))
        let run = Task { await command.execute(suite, write: writeLine) }
        let interrupts = InterruptCount()
        source.setEventHandler {
            if interrupts.next() == 1 {
                writeError("interrupted; removing the suite's resources (interrupt again to quit at once)")
                run.cancel()
            } else {
                exit(ConformanceCommand.interrupted)
            }
        }
        source.resume()
        let status = await run.value
        source.cancel()
        return status
    }

    /// Unbuffered, so each check's line shows as it finishes even through a pipe.
    @Sendable static func writeLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// How many SIGINTs arrived.
private final class InterruptCount: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
}
