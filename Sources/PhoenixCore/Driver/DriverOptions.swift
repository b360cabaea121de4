/// The `options` object a configuration gives a driver, with typed, path-reporting accessors.
public struct DriverOptions: Sendable, Hashable {
    /// The raw option members.
    public var values: [String: JSONValue]
    /// The JSON path of the options object in the config (`kinds.vms.options`), for errors.
    public var path: String

    /// Creates options.
    public init(_ values: [String: JSONValue] = [:], path: String = "options") {
        self.values = values
        self.path = path
    }

    /// Rejects members not in `known`.
    /// - Throws: `PhoenixError` `invalidConfig` naming the unknown option's path.
    public func rejectUnknown(_ known: Set<String>) throws {
        for key in values.keys.sorted() where !known.contains(key) {
            throw PhoenixError(.invalidConfig,
                               "Unknown option '\(key)'; known options: \(known.sorted().joined(separator: ", ")).",
                               field: "\(path).\(key)")
        }
    }

    /// A string option, or `fallback` when absent.
    /// - Throws: `invalidConfig` when present but not a string.
    public func string(_ key: String, default fallback: String? = nil) throws -> String? {
        guard let value = values[key] else { return fallback }
        guard let text = value.stringValue else { throw typeError(key, "a string") }
        return text
    }

    /// An integer option, or `fallback` when absent.
    /// - Throws: `invalidConfig` when present but not an integer.
    public func int(_ key: String, default fallback: Int? = nil) throws -> Int? {
        guard let value = values[key] else { return fallback }
        guard let number = value.intValue else { throw typeError(key, "an integer") }
        return number
    }

    /// A boolean option, or `fallback` when absent.
    /// - Throws: `invalidConfig` when present but not a boolean.
    public func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool? {
        guard let value = values[key] else { return fallback }
        guard let flag = value.boolValue else { throw typeError(key, "a boolean") }
        return flag
    }

    /// An object option, or `nil` when absent.
    /// - Throws: `invalidConfig` when present but not an object.
    public func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = values[key] else { return nil }
        guard let members = value.objectValue else { throw typeError(key, "an object") }
        return members
    }

    /// An error about option `key`.
    public func error(_ key: String, _ message: String) -> PhoenixError {
        PhoenixError(.invalidConfig, message, field: "\(path).\(key)")
    }

    private func typeError(_ key: String, _ expected: String) -> PhoenixError {
        error(key, "Option '\(key)' must be \(expected).")
    }
}
