import Foundation
import FixtureDriver
import PhoenixCore
import PhoenixDriverKit
import Testing

@Suite("Suite mechanics: report, configuration, timeouts, cleanup")
struct SuiteMechanicsTests {
    @Test
    func summaryLineAppendsSkippedOnlyWhenAnyWereSkipped() {
        var report = ConformanceReport(driver: "x", kind: .vms, results: [
            CheckResult(name: "a", outcome: .passed), CheckResult(name: "b", outcome: .failed(reason: "r")),
            CheckResult(name: "c", outcome: .passed),
        ])
        #expect(report.summaryLine == "2 passed, 1 failed")
        report.results.append(CheckResult(name: "d", outcome: .skipped(reason: "s")))
        #expect(report.summaryLine == "2 passed, 1 failed, 1 skipped")
        #expect(report.lines == ["PASS a", "FAIL b: r", "PASS c", "SKIP d: s", "2 passed, 1 failed, 1 skipped"])
    }

    @Test(arguments: ResourceKind.allCases)
    func generatedCreateFieldsSatisfyTheFixtureFieldSpecs(kind: ResourceKind) throws {
        let specs = FixtureFields.specs(for: kind)
        let fields = SampleValues.createFields(for: specs, overrides: [:])
        _ = try FieldSpec.validateMembers(fields, against: specs, applyDefaults: true)
        if kind == .services { #expect(fields["exec_start"] == "/bin/sleep 3600") }
    }

    @Test
    func invalidValuesAreRejectedByTheirOwnType() throws {
        let types: [FieldSpec.ValueType] = [.integer(1...8), .boolean, .text(maxLength: 4), .name, .absolutePath,
                                            .choice(["a", "b"]), .array(.integer(1...2), maxCount: 2)]
        for type in types {
            #expect(throws: PhoenixError.self) { try type.validate(SampleValues.wrongType(type), path: "f") }
            if let value = SampleValues.outOfRange(type) {
                #expect(throws: PhoenixError.self) { try type.validate(value, path: "f") }
            }
            try type.validate(SampleValues.valid(type), path: "f")
            if let other = SampleValues.alternative(type, to: SampleValues.valid(type)) {
                #expect(other != SampleValues.valid(type))
                try type.validate(other, path: "f")
            }
        }
    }

    @Test
    func badPrefixAndIllTypedSampleFieldsAreRejectedBeforeTheDriverIsTouched() {
        let fixture = FixtureDriver(kind: .services)
        #expect(throws: PhoenixError.self) {
            try ConformanceSuite(driver: fixture, configuration: ConformanceConfiguration(namePrefix: "Bad_"))
        }
        #expect(throws: PhoenixError.self) {
            try ConformanceSuite(driver: fixture, configuration: ConformanceConfiguration(sampleFields: ["exec_start": 5]))
        }
        #expect(throws: PhoenixError.self) {
            try ConformanceSuite(driver: fixture, configuration: ConformanceConfiguration(concurrency: 1))
        }
    }

    @Test
    func driverCallThatHangsFailsTheCheckAtTheTimeout() async throws {
        let fixture = FixtureDriver(kind: .vms, settings: FixtureSettings(latency: [.create: .seconds(600)]))
        var configuration = ConformanceConfiguration.testing(fixture)
        configuration.operationTimeout = .milliseconds(200)
        let started = ContinuousClock.now
        let report = try await ConformanceSuite(driver: fixture, configuration: configuration).run(only: ["create-stopped"])
        // The injected hang is 600 s; finishing far below it shows the timeout cut the call
        // short (the bound is loose on purpose: this is not a speed test).
        #expect(ContinuousClock.now - started < .seconds(120))
        let outcome = try #require(report.result("create-stopped")).outcome
        guard case .failed(let reason) = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(reason.contains("did not return within"))
    }

    @Test
    func interruptedRunIsCleanedUpAndMakesNothingAfterwards() async throws {
        let fixture = FixtureDriver(kind: .containers, settings: FixtureSettings(latency: [.update: .milliseconds(30)]))
        let suite = try ConformanceSuite(driver: fixture, configuration: .testing(fixture))
        let run = Task { await suite.run() }
        // Wait until the run has made something, then interrupt it the way a SIGINT handler does.
        while try await fixture.list().isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        run.cancel()
        let problems = await suite.cleanup()
        #expect(problems == [])
        let report = await run.value
        #expect(report.results.count < ConformanceSuite.checks.count)
        #expect(try await fixture.list().filter { $0.name.hasPrefix(suite.runPrefix) } == [])
    }
}

@Suite("docs/driver-protocol.md")
struct DriverProtocolDocTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/driver-protocol.md").standardizedFileURL.path

    @Test
    func everyCheckIsDocumentedWithItsSummary() throws {
        let text = try String(contentsOfFile: Self.document, encoding: .utf8)
        for check in ConformanceSuite.checks {
            #expect(text.contains("| `\(check.name)` | \(check.summary) |"), "docs/driver-protocol.md lacks the row of \(check.name)")
        }
    }
}
