/// A small parser for `phoenixd`'s arguments: positional words and `--flag value` options.
public struct CommandLineArguments: Sendable {
    /// Words that are not options, in order (`["keys", "create"]`).
    public private(set) var positional: [String] = []
    /// Options by name without dashes; repeated options keep every value.
    public private(set) var options: [String: [String]] = [:]

    /// Options that take no value.
    static let switches: Set<String> = ["help", "version", "verbose"]

    /// Parses `arguments` (without the program name).
    /// - Throws: `invalidField` for an option missing its value.
    public init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let word = rest.popFirst() {
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if Self.switches.contains(name) {
                options[name, default: []].append(value ?? "true")
                continue
            }
            if value == nil { value = rest.popFirst() }
            guard let value else { throw PhoenixAppError.usage("Option --\(name) needs a value.") }
            options[name, default: []].append(value)
        }
    }

    /// The last value of option `name`.
    public func value(_ name: String) -> String? { options[name]?.last }

    /// Whether switch `name` was given.
    public func flag(_ name: String) -> Bool { options[name] != nil }

    /// Fails on options not in `known`.
    /// - Throws: `PhoenixAppError.usage`.
    public func rejectUnknown(_ known: Set<String>) throws {
        for name in options.keys.sorted() where !known.contains(name) && !Self.switches.contains(name) {
            throw PhoenixAppError.usage("Unknown option --\(name).")
        }
    }
}

/// Errors of the command line itself, reported with usage help and exit status 2.
public enum PhoenixAppError: Error, CustomStringConvertible {
    case usage(String)

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
