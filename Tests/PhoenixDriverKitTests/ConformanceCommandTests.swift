import FixtureDriver
import PhoenixCore
import PhoenixDriverKit
import Synchronization
import Testing

@Suite("phoenixd conformance, in process")
struct ConformanceCommandTests {
    let registry = DriverRegistry([FixtureDriver.factory])
    let defaults: [ResourceKind: DriverSelection] = [.vms: DriverSelection(driver: FixtureDriver.name)]

    @Test
    func optionsAndFieldsAreJSONWhenTheyParseAndStringsOtherwise() throws {
        let invocation = try ConformanceInvocation(["--kind", "services", "--driver", "fixture", "--option", "latency_ms=5",
                                                    "--option", #"actions=["start","stop"]"#, "--option", "seed=/tmp/seed.json",
                                                    "--field", "exec_start=/bin/sleep 60", "--check", "create-stopped",
                                                    "--concurrency", "4"])
        #expect(invocation.kind == .services)
        #expect(invocation.options == ["latency_ms": 5, "actions": ["start", "stop"], "seed": "/tmp/seed.json"])
        #expect(invocation.sampleFields == ["exec_start": "/bin/sleep 60"])
        #expect(invocation.checks == ["create-stopped"])
        #expect(invocation.concurrency == 4)
    }

    @Test(arguments: [
        [String](), ["--kind", "disks"], ["--kind", "vms", "--option", "a=1"], ["--kind", "vms", "--check", "no-such-check"],
        ["--kind", "vms", "--config", "c.json", "--driver", "fixture"], ["--kind", "vms", "--option", "novalue"],
        ["--kind", "vms", "--concurrency", "0"], ["--kind", "vms", "--bogus"],
    ])
    func badCommandLinesAreRefused(arguments: [String]) {
        #expect(throws: PhoenixError.self) { try ConformanceInvocation(arguments) }
    }

    @Test
    func driverComesFromTheConfigFileWithItsOptions() async throws {
        let command = ConformanceCommand(invocation: try ConformanceInvocation(["--kind", "vms", "--config", "c.json"]), registry: registry)
        let text = #"{"state_dir": "/var/lib/phx", "kinds": {"vms": {"driver": "fixture", "options": {"actions": ["start", "stop"]}}}}"#
        let (selection, stateDirectory) = try command.selection(configText: text, defaults: [:], stateDirectory: "/tmp/x")
        #expect(selection == DriverSelection(driver: "fixture", options: ["actions": ["start", "stop"]]))
        #expect(stateDirectory == "/var/lib/phx")
        let driver = try await command.makeDriver(selection, stateDirectory: stateDirectory)
        #expect(driver.capabilities.actions == [.start, .stop])
    }

    @Test
    func unknownDriverNoneAndBadOptionsAreConfigErrors() async throws {
        let unknown = ConformanceCommand(invocation: try ConformanceInvocation(["--kind", "vms", "--driver", "vmware"]), registry: registry)
        #expect(throws: PhoenixError.self) { try unknown.selection(configText: nil, defaults: defaults, stateDirectory: "/tmp") }
        let none = ConformanceCommand(invocation: try ConformanceInvocation(["--kind", "vms", "--driver", "none"]), registry: registry)
        #expect(throws: PhoenixError.self) { try none.selection(configText: nil, defaults: defaults, stateDirectory: "/tmp") }
        let bad = ConformanceCommand(invocation: try ConformanceInvocation(["--kind", "vms", "--driver", "fixture", "--option", "latency_ms=x"]),
                                     registry: registry)
        let (selection, _) = try bad.selection(configText: nil, defaults: defaults, stateDirectory: "/tmp")
        let error = await #expect(throws: PhoenixError.self) { try await bad.makeDriver(selection, stateDirectory: "/tmp") }
        #expect(error?.code == .invalidConfig)
        #expect(error?.field == "option.latency_ms")
    }

    @Test
    func executePrintsOneLinePerCheckThenTheSummaryAndFailsOnAnyFailure() async throws {
        let invocation = try ConformanceInvocation(["--kind", "vms", "--driver", "fixture", "--option", #"fail={"delete":"backend_failure"}"#,
                                                    "--check", "create-stopped", "--check", "delete-stopped"])
        let command = ConformanceCommand(invocation: invocation, registry: registry)
        let (selection, state) = try command.selection(configText: nil, defaults: defaults, stateDirectory: "/tmp")
        let driver = try await command.makeDriver(selection, stateDirectory: state)
        let lines = Mutex<[String]>([])
        let status = await command.execute(try ConformanceSuite(driver: driver, configuration: invocation.configuration(hooks: .init()))) { line in
            lines.withLock { $0.append(line) }
        }
        let output = lines.withLock { $0 }
        #expect(status == ConformanceCommand.failure)
        #expect(output.count == 6, "\(output)")
        #expect(output[1] == "PASS create-stopped")
        #expect(output[2].hasPrefix("FAIL delete-stopped: delete of a stopped resource failed: PhoenixError 'backend_failure'"))
        // The two undeletable resources are named, then the exact summary closes the output.
        #expect(output[3].hasPrefix("CLEANUP ") && output[4].hasPrefix("CLEANUP "))
        #expect(output.last == "1 passed, 1 failed")
    }

    @Test
    func passingRunExitsZeroWithTheExactSummary() async throws {
        let invocation = try ConformanceInvocation(["--kind", "vms", "--driver", "fixture"])
        let command = ConformanceCommand(invocation: invocation, registry: registry)
        let (selection, state) = try command.selection(configText: nil, defaults: defaults, stateDirectory: "/tmp")
        let driver = try await command.makeDriver(selection, stateDirectory: state)
        let lines = Mutex<[String]>([])
        let suite = try ConformanceSuite(driver: driver, configuration: invocation.configuration(hooks: .init()))
        let status = await command.execute(suite) { line in lines.withLock { $0.append(line) } }
        let output = lines.withLock { $0 }
        #expect(status == ConformanceCommand.success, "\(output)")
        #expect(output.count == ConformanceSuite.checks.count + 2)
        // Without backend hooks the discovery checks are skipped, with the reason.
        #expect(output.contains("SKIP discovers-external-resources: no createExternal backend hook was given"))
        #expect(output.last == "\(ConformanceSuite.checks.count - 4) passed, 0 failed, 4 skipped")
    }
}
