public import PhoenixCore

/// Everything one run of the conformance suite found.
public struct ConformanceReport: Sendable, Hashable {
    /// The driver's registered name.
    public var driver: String
    /// The kind it served.
    public var kind: ResourceKind
    /// One result per check, in run order.
    public var results: [CheckResult]
    /// Problems met while removing the suite's resources afterwards (empty when clean).
    public var cleanupProblems: [String]

    /// Creates a report.
    public init(driver: String, kind: ResourceKind, results: [CheckResult], cleanupProblems: [String] = []) {
        self.driver = driver
        self.kind = kind
        self.results = results
        self.cleanupProblems = cleanupProblems
    }

    /// How many checks passed.
    public var passedCount: Int { results.count(where: \.isPassed) }
    /// How many checks failed.
    public var failedCount: Int { results.count(where: \.isFailed) }
    /// How many checks were skipped.
    public var skippedCount: Int { results.count(where: \.isSkipped) }

    /// Whether no check failed.
    public var succeeded: Bool { failedCount == 0 }

    /// The names of the failed checks.
    public var failedNames: [String] { results.filter(\.isFailed).map(\.name) }

    /// The names of the skipped checks.
    public var skippedNames: [String] { results.filter(\.isSkipped).map(\.name) }

    /// The result of the check called `name`, if it ran.
    public func result(_ name: String) -> CheckResult? {
        results.first { $0.name == name }
    }

    /// Exactly `N passed, N failed`, with `, N skipped` appended when any were skipped.
    public var summaryLine: String {
        var line = "\(passedCount) passed, \(failedCount) failed"
        if skippedCount > 0 { line += ", \(skippedCount) skipped" }
        return line
    }

    /// The whole report as printed: one line per check, cleanup problems, then the summary.
    public var lines: [String] {
        results.map(\.line) + cleanupProblems.map { "CLEANUP \($0)" } + [summaryLine]
    }
}
