public import PhoenixCore

/// How the conformance suite runs against one driver.
public struct ConformanceConfiguration: Sendable {
    /// The prefix of every name the suite gives a resource; a random run token and a counter
    /// follow, so the suite only ever touches (and cleans up) its own resources.
    public var namePrefix: String
    /// How many creates (and updates) the concurrency checks run in parallel.
    public var concurrency: Int
    /// Create fields that override or add to the values the suite derives from the driver's
    /// field specs (for example a command a real services backend can run).
    public var sampleFields: [String: JSONValue]
    /// The longest one driver call may take before the check fails.
    public var operationTimeout: Duration
    /// The longest a resource may stay in a transitional status (`starting`, `stopping`)
    /// before it must reach the requested one.
    public var settleTimeout: Duration
    /// Backend hooks for the discovery checks.
    public var hooks: ConformanceHooks

    /// Creates a configuration.
    public init(namePrefix: String = "phx-conf-", concurrency: Int = 10, sampleFields: [String: JSONValue] = [:],
                operationTimeout: Duration = .seconds(60), settleTimeout: Duration = .seconds(30),
                hooks: ConformanceHooks = ConformanceHooks()) {
        self.namePrefix = namePrefix
        self.concurrency = concurrency
        self.sampleFields = sampleFields
        self.operationTimeout = operationTimeout
        self.settleTimeout = settleTimeout
        self.hooks = hooks
    }

    /// The longest prefix that still leaves room for the run token and a counter.
    public static let maxPrefixLength = 40

    /// Checks the configuration before anything touches the driver.
    /// - Throws: `PhoenixError` `invalidConfig` naming the offending setting.
    public func validate() throws {
        guard namePrefix.utf8.count <= Self.maxPrefixLength, NameRule.isValid(namePrefix + "x") else {
            throw PhoenixError(.invalidConfig,
                               "The name prefix must be at most \(Self.maxPrefixLength) characters and form valid names (\(NameRule.pattern)).",
                               field: "name_prefix")
        }
        guard (2...1000).contains(concurrency) else {
            throw PhoenixError(.invalidConfig, "Concurrency must be between 2 and 1000.", field: "concurrency")
        }
        guard operationTimeout > .zero, settleTimeout > .zero else {
            throw PhoenixError(.invalidConfig, "Timeouts must be positive.", field: "timeout")
        }
    }
}
