import FixtureDriver
import PhoenixCore
import PhoenixDriverKit
import Testing

@Suite("The fixture driver conforms")
struct FixtureConformanceTests {
    @Test(arguments: ResourceKind.allCases)
    func fixtureDriverPassesEveryCheck(kind: ResourceKind) async throws {
        let fixture = FixtureDriver(kind: kind)
        let suite = try ConformanceSuite(driver: fixture, configuration: .testing(fixture))
        let report = await suite.run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        // Only services declare a required field (exec_start).
        let expectedSkips: Set = kind == .services ? ["undeclared-operations-unsupported"]
            : ["undeclared-operations-unsupported", "create-rejects-missing-required"]
        #expect(Set(report.skippedNames) == expectedSkips)
        #expect(report.results.count == ConformanceSuite.checks.count)
        #expect(report.cleanupProblems == [])
        #expect(report.summaryLine == "\(ConformanceSuite.checks.count - expectedSkips.count) passed, 0 failed, \(expectedSkips.count) skipped")
        #expect(try await fixture.list().isEmpty, "the suite left resources behind")
    }

    @Test(arguments: ResourceKind.allCases)
    func fixtureWithoutPauseSkipsThePauseChecksByDeclaration(kind: ResourceKind) async throws {
        let fixture = FixtureDriver(kind: kind, settings: FixtureSettings(actions: [.start, .stop]))
        let report = try await ConformanceSuite(driver: fixture, configuration: .testing(fixture)).run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        var expectedSkips: Set = ["transition-paused-to-running", "transition-paused-to-stopped", "undeclared-operations-unsupported"]
        if kind != .services { expectedSkips.insert("create-rejects-missing-required") }
        #expect(Set(report.skippedNames) == expectedSkips)
        let pausedReason = try #require(report.result("transition-paused-to-running")).outcome
        #expect(pausedReason == .skipped(reason: "needs a paused resource, but the driver does not declare the 'pause' action"))
        // The undeclared pause itself is still exercised: it must be refused.
        #expect(report.result("transition-running-to-paused")?.note == "undeclared 'pause' refused")
    }

    @Test
    func resourcesTheSuiteDidNotCreateAreLeftAlone() async throws {
        let seed = [DriverResource(handle: "fx-7", id: 7, name: "web", status: .running, fields: ["cpus": 2, "memory_mb": 64, "template": "busybox"]),
                    DriverResource(handle: "fx-8", id: 8, name: "phx-conf-lookalike", status: .stopped,
                                   fields: ["cpus": 1, "memory_mb": 16, "template": "busybox"])]
        let fixture = FixtureDriver(kind: .containers, settings: FixtureSettings(seed: seed))
        let report = try await ConformanceSuite(driver: fixture, configuration: .testing(fixture)).run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        #expect(try await fixture.list() == seed)
    }

    @Test
    func driverWithoutCreateOrDeleteIsCheckedForUnsupportedAndSkipsTheRest() async throws {
        let report = try await ConformanceSuite(driver: ReadOnlyDriver()).run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        #expect(report.result("undeclared-operations-unsupported")?.isPassed == true)
        #expect(report.result("create-stopped")?.outcome == .skipped(reason: "the driver declares canCreate = false"))
        #expect(report.passedCount == 2)
    }
}

/// A driver that only lists and gets, relying on the protocol's defaults for the rest.
struct ReadOnlyDriver: ResourceDriver {
    var capabilities: DriverCapabilities {
        DriverCapabilities(driver: "readonly", kind: .vms, canCreate: false, canUpdate: false, canDelete: false,
                           actions: [], rename: .never)
    }
    func list() async throws -> [DriverResource] { [] }
    func get(handle: String) async throws -> DriverResource { throw PhoenixError.notFound("VM \(handle)") }
}
