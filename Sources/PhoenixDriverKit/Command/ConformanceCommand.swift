public import PhoenixCore

/// `phoenixd conformance`, minus process concerns: builds the configured driver from the
/// registry the executable makes, runs the suite, and writes one line per check and the
/// summary. The executable owns signals and exit; this is tested in-process.
public struct ConformanceCommand: Sendable {
    /// Exit status when every check passed and cleanup left nothing.
    public static let success: Int32 = 0
    /// Exit status when a check failed or the suite could not remove what it made.
    public static let failure: Int32 = 1
    /// Exit status for a bad command line or configuration.
    public static let usageFailure: Int32 = 2
    /// Exit status after an interrupt (128 + SIGINT).
    public static let interrupted: Int32 = 130

    /// The parsed arguments.
    public let invocation: ConformanceInvocation
    /// The drivers this build knows.
    public let registry: DriverRegistry

    /// Creates the command.
    public init(invocation: ConformanceInvocation, registry: DriverRegistry) {
        self.invocation = invocation
        self.registry = registry
    }

    /// The driver selection for the kind: from `--config` (its text given as `configText`),
    /// else from `--driver` and `--option`, else from `defaults`.
    /// - Throws: `invalidConfig` with the config's problems, an unknown driver or `none`.
    public func selection(configText: String?, defaults: [ResourceKind: DriverSelection], stateDirectory: String)
        throws -> (DriverSelection, stateDirectory: String) {
        let kind = invocation.kind
        var config = PhoenixConfig(stateDirectory: invocation.stateDirectory ?? stateDirectory, defaultSelections: defaults)
        if let configText {
            let (loaded, issues) = ConfigLoader(registry: registry).load(configText, over: config)
            guard issues.isEmpty else {
                throw PhoenixError(.invalidConfig, "\(invocation.configPath ?? "config") is invalid:\n"
                                   + issues.map { "  \($0)" }.joined(separator: "\n"))
            }
            config = loaded
        } else if let name = invocation.driverName {
            config.kinds[kind] = DriverSelection(driver: name, options: invocation.options)
        }
        let selection = config.selection(for: kind)
        try registry.validate(selection, for: kind, path: "kinds.\(kind.rawValue).driver")
        guard selection.driver != DriverRegistry.noneDriver else {
            throw PhoenixError(.invalidConfig, "No driver serves \(kind.rawValue); there is nothing to check.",
                               field: "kinds.\(kind.rawValue).driver")
        }
        return (selection, config.stateDirectory)
    }

    /// Builds the driver for `selection`.
    /// - Throws: `invalidConfig` for bad options (with their path).
    public func makeDriver(_ selection: DriverSelection, stateDirectory: String) async throws -> any ResourceDriver {
        let kind = invocation.kind
        guard let factory = registry.factories[selection.driver] else {
            throw PhoenixError(.invalidConfig, "Unknown driver '\(selection.driver)'.", field: "kinds.\(kind.rawValue).driver")
        }
        let options = DriverOptions(selection.options, path: invocation.configPath == nil ? "option" : "kinds.\(kind.rawValue).options")
        return try await factory.make(DriverContext(kind: kind, options: options, stateDirectory: stateDirectory))
    }

    /// Runs `suite`, writing each check's line as it finishes, then any cleanup problems and
    /// the summary. When the surrounding task is cancelled (SIGINT), the run stops after the
    /// current check, cleans up, and reports how many of its resources are left.
    /// - Returns: the exit status.
    public func execute(_ suite: ConformanceSuite, write: @escaping @Sendable (String) -> Void) async -> Int32 {
        let capabilities = suite.driver.capabilities
        write("conformance: \(capabilities.driver) driver, \(capabilities.kind.rawValue), resources named \(suite.runPrefix)*")
        let report = await suite.run(only: invocation.checks) { write($0.line) }
        for problem in report.cleanupProblems { write("CLEANUP \(problem)") }
        write(report.summaryLine)
        if Task.isCancelled {
            // The run's task is cancelled; count in a task of its own so the list can finish.
            let left = await Task { [driver = suite.driver, prefix = suite.runPrefix] in
                (try? await driver.list().filter { $0.name.hasPrefix(prefix) }.count).map(String.init) ?? "unknown"
            }.value
            write("interrupted; conformance resources left: \(left)")
            return Self.interrupted
        }
        return report.succeeded && report.cleanupProblems.isEmpty ? Self.success : Self.failure
    }
}
