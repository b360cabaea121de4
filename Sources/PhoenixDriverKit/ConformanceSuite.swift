public import PhoenixCore

/// The resource protocol's contract as one runnable suite.
///
/// It runs named checks against any driver through the driver API (not HTTP), using only
/// resources it creates — named `<prefix><run token>-<n>` — and removes them after each
/// check, at the end of the run, and whenever `cleanup()` is called (from a SIGINT handler).
/// It imports no test framework, so tests and `phoenixd conformance` run it alike.
public final class ConformanceSuite: Sendable {
    /// Every check, in run order.
    public static let checks: [ConformanceCheck] =
        ConformanceCheck.basic + ConformanceCheck.updates + ConformanceCheck.transitions
        + ConformanceCheck.errors + ConformanceCheck.validation + ConformanceCheck.concurrency + ConformanceCheck.discovery

    /// The driver under test.
    public let driver: any ResourceDriver
    /// How the suite runs.
    public let configuration: ConformanceConfiguration
    private let tracker: ResourceTracker

    /// Prepares a run against `driver`.
    /// - Throws: `PhoenixError` `invalidConfig` for a bad configuration, including sample
    ///   fields the driver's field specs reject.
    public init(driver: any ResourceDriver, configuration: ConformanceConfiguration = ConformanceConfiguration()) throws {
        try configuration.validate()
        let specs = driver.capabilities.fields.filter { $0.access != .readOnly }
        do {
            _ = try FieldSpec.validateMembers(configuration.sampleFields, against: specs.map { var spec = $0; spec.required = false; return spec },
                                              applyDefaults: false)
        } catch let error as PhoenixError {
            throw PhoenixError(.invalidConfig, "Sample create fields: \(error.message)", field: error.field)
        }
        self.driver = driver
        self.configuration = configuration
        tracker = ResourceTracker(prefix: configuration.namePrefix)
    }

    /// The prefix of every name this run gives a resource.
    public var runPrefix: String { tracker.runPrefix }

    /// Runs the checks (all, or those named in `only`), cleaning up after each one and at
    /// the end. A cancelled run stops between checks and still cleans up.
    /// - Parameter progress: called with each result as soon as it is known.
    public func run(only: Set<String>? = nil, progress: (@Sendable (CheckResult) -> Void)? = nil) async -> ConformanceReport {
        let capabilities = driver.capabilities
        let context = CheckContext(driver: driver, capabilities: capabilities, configuration: configuration, tracker: tracker)
        var results: [CheckResult] = []
        for check in Self.checks where only?.contains(check.name) ?? true {
            if Task.isCancelled { break }
            let result = await run(check, context: context)
            // A check cut short by an interrupt proves nothing either way: leave it out.
            if Task.isCancelled { break }
            results.append(result)
            progress?(result)
            // Problems here are retried (and reported) by the final cleanup.
            _ = await uncancelled { [tracker, driver, configuration] in
                await tracker.cleanup(driver: driver, hooks: configuration.hooks, wait: configuration.operationTimeout, closing: false)
            }
        }
        let problems = await cleanup()
        return ConformanceReport(driver: capabilities.driver, kind: capabilities.kind, results: results, cleanupProblems: problems)
    }

    /// Removes everything this run made and stops it from making more. Safe to call at any
    /// time and more than once (a CLI calls it from its SIGINT handler).
    /// - Returns: one line per resource that could not be removed.
    @discardableResult
    public func cleanup() async -> [String] {
        await uncancelled { [tracker, driver, configuration] in
            await tracker.cleanup(driver: driver, hooks: configuration.hooks, wait: configuration.operationTimeout, closing: true)
        }
    }

    /// Runs `body` in a task of its own so an interrupt that cancelled the run does not also
    /// cancel the cleanup it asks for.
    private func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await Task { await body() }.value
    }

    private func run(_ check: ConformanceCheck, context: CheckContext) async -> CheckResult {
        if let reason = check.skipReason(for: context.capabilities, configuration: configuration) {
            return CheckResult(name: check.name, outcome: .skipped(reason: reason))
        }
        do {
            let note = try await check.body(context)
            return CheckResult(name: check.name, outcome: .passed, note: note)
        } catch let failure as CheckFailure {
            return CheckResult(name: check.name, outcome: .failed(reason: failure.reason))
        } catch let skip as CheckSkip {
            return CheckResult(name: check.name, outcome: .skipped(reason: skip.reason))
        } catch is CancellationError {
            return CheckResult(name: check.name, outcome: .failed(reason: "interrupted"))
        } catch {
            return CheckResult(name: check.name, outcome: .failed(reason: "unexpected \(CheckContext.describe(error))"))
        }
    }
}
