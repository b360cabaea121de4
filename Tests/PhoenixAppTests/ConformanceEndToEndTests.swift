import Foundation
import PhoenixCore
import PhoenixTestSupport
import Testing

@Suite("phoenixd conformance as an operator runs it", .serialized)
struct ConformanceEndToEndTests {
    @Test(arguments: ResourceKind.allCases)
    func fixtureDriverPrintsOneLinePerCheckAndZeroFailed(kind: ResourceKind) async throws {
        let result = try await PhoenixdProcess.run(["conformance", "--kind", kind.rawValue, "--driver", "fixture"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("PASS delete-running-requires-force"))
        #expect(lines.contains("PASS discovers-external-resources"))
        let summary = try #require(lines.last)
        #expect(summary.wholeMatch(of: /\d+ passed, 0 failed(, \d+ skipped)?/) != nil, "\(summary)")
    }

    @Test func failingDriverExitsNonZero() async throws {
        let result = try await PhoenixdProcess.run(["conformance", "--kind", "vms", "--driver", "fixture",
                                                   "--option", #"fail={"create":"backend_unavailable"}"#])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL create-stopped: create '"))
        #expect(result.stdout.split(separator: "\n").last?.contains(/\ [1-9]\d* failed/) == true)
    }

    @Test func badArgumentsExitTwoWithUsage() async throws {
        let result = try await PhoenixdProcess.run(["conformance", "--kind", "vms", "--driver", "docker"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown driver 'docker'"))
        #expect(result.stderr.contains("usage: phoenixd conformance"))
    }

    @Test func interruptStopsTheRunAndRemovesItsResources() async throws {
        // Slow every call down so the run is still going when the interrupt arrives.
        let run = try PhoenixdProcess(["conformance", "--kind", "containers", "--driver", "fixture", "--option", "latency_ms=20"])
        let deadline = ContinuousClock.now + .seconds(30)
        while !run.stdout.contains("PASS create-running"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        run.signal(SIGINT)
        #expect(try await run.wait() == 130)
        #expect(run.stdout.contains("interrupted; conformance resources left: 0"), "\(run.stdout)")
        #expect(!run.stdout.contains("CLEANUP"))
        #expect(!run.stdout.contains("PASS concurrent-creates"))
    }
}
