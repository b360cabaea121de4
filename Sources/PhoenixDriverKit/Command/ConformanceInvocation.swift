public import PhoenixCore

/// The parsed arguments of `phoenixd conformance`.
///
/// ```
/// phoenixd conformance --kind KIND [--config FILE | --driver NAME --option KEY=VALUE ...]
///                      [--field KEY=VALUE ...] [--check NAME ...] [--concurrency N]
///                      [--prefix PREFIX] [--timeout SECONDS] [--state-dir DIR]
/// ```
/// Option and field values are JSON when they parse as JSON (`5`, `true`, `["start"]`),
/// otherwise strings (`/var/lib/phoenix/seed.json`).
public struct ConformanceInvocation: Sendable, Hashable {
    /// The kind to check.
    public var kind: ResourceKind
    /// A phoenixd configuration file naming the driver for `kind`.
    public var configPath: String?
    /// The driver to build, when no configuration file is given.
    public var driverName: String?
    /// The driver's options (`--option`).
    public var options: [String: JSONValue] = [:]
    /// Sample create fields (`--field`).
    public var sampleFields: [String: JSONValue] = [:]
    /// Only these checks (`--check`), or all.
    public var checks: Set<String>?
    /// Parallel creates and updates (`--concurrency`).
    public var concurrency = 10
    /// The name prefix (`--prefix`).
    public var prefix = "phx-conf-"
    /// The per-call timeout in seconds (`--timeout`).
    public var timeoutSeconds = 60
    /// The driver's state directory (`--state-dir`), when no configuration file sets one.
    public var stateDirectory: String?

    /// The usage lines for `--help` and usage errors.
    public static let usage = """
        usage: phoenixd conformance --kind containers|vms|services
                 [--config FILE | --driver NAME --option KEY=VALUE ...]
                 [--field KEY=VALUE ...] [--check NAME ...] [--concurrency N]
                 [--prefix PREFIX] [--timeout SECONDS] [--state-dir DIR]
        """

    /// Parses the words after `conformance`.
    /// - Throws: `PhoenixError` `invalidConfig` naming the bad argument.
    public init(_ arguments: [String]) throws {
        var kind: ResourceKind?
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw Self.usageError("\(flag) needs a value.") }
            return next
        }
        func pair(_ flag: String) throws -> (String, JSONValue) {
            let text = try value(flag)
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw Self.usageError("\(flag) takes KEY=VALUE, not '\(text)'.")
            }
            let raw = String(text[text.index(after: equals)...])
            return (String(text[..<equals]), (try? JSONValue.parse(raw)) ?? .string(raw))
        }
        while let word = rest.popFirst() {
            switch word {
            case "--kind":
                let text = try value(word)
                guard let parsed = ResourceKind(rawValue: text) else {
                    throw Self.usageError("Unknown kind '\(text)'; kinds are containers, vms, services.")
                }
                kind = parsed
            case "--config": configPath = try value(word)
            case "--driver": driverName = try value(word)
            case "--option": let (key, item) = try pair(word); options[key] = item
            case "--field": let (key, item) = try pair(word); sampleFields[key] = item
            case "--check": checks = (checks ?? []).union([try value(word)])
            case "--prefix": prefix = try value(word)
            case "--state-dir": stateDirectory = try value(word)
            case "--concurrency", "--timeout":
                let text = try value(word)
                guard let number = Int(text), number > 0 else { throw Self.usageError("\(word) needs a positive integer.") }
                if word == "--concurrency" { concurrency = number } else { timeoutSeconds = number }
            default:
                throw Self.usageError("Unknown argument '\(word)'.")
            }
        }
        guard let kind else { throw Self.usageError("--kind is required.") }
        self.kind = kind
        if configPath != nil, driverName != nil || !options.isEmpty {
            throw Self.usageError("Give either --config or --driver with --option, not both.")
        }
        if driverName == nil, !options.isEmpty { throw Self.usageError("--option needs --driver.") }
        let known = Set(ConformanceSuite.checks.map(\.name))
        for name in (checks ?? []).sorted() where !known.contains(name) {
            throw Self.usageError("Unknown check '\(name)'.")
        }
    }

    /// The suite configuration these arguments ask for.
    public func configuration(hooks: ConformanceHooks) -> ConformanceConfiguration {
        ConformanceConfiguration(namePrefix: prefix, concurrency: concurrency, sampleFields: sampleFields,
                                 operationTimeout: .seconds(timeoutSeconds), hooks: hooks)
    }

    static func usageError(_ message: String) -> PhoenixError {
        PhoenixError(.invalidConfig, message, field: "conformance")
    }
}
