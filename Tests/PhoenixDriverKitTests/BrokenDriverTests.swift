import PhoenixCore
import PhoenixDriverKit
import Testing

@Suite("The suite catches contract violations")
struct BrokenDriverTests {
    @Test(arguments: BrokenDriver.Breakage.allCases, ResourceKind.allCases)
    func brokenCopyOfTheFixtureFailsExactlyTheViolatedChecks(breakage: BrokenDriver.Breakage, kind: ResourceKind) async throws {
        let driver = BrokenDriver(kind: kind, breakage: breakage)
        let report = try await ConformanceSuite(driver: driver, configuration: .testing(driver.inner)).run()
        #expect(report.failedNames == driver.expectedFailures, "\(report.lines.joined(separator: "\n"))")
        #expect(!report.succeeded)
        #expect(try await driver.inner.list().isEmpty, "the suite left resources behind")
    }

    @Test
    func nonPhoenixErrorIsNamedInTheReason() async throws {
        let driver = BrokenDriver(kind: .containers, breakage: .nonPhoenixNotFound)
        let report = try await ConformanceSuite(driver: driver).run(only: ["not-found-errors"])
        let outcome = try #require(report.result("not-found-errors")).outcome
        guard case .failed(let reason) = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(reason.contains("a non-PhoenixError BackendLookupError"))
        #expect(reason.contains("expected PhoenixError 'not_found'"))
    }
}
