/// Reads a JSON configuration file into a `PhoenixConfig`, collecting every error with its
/// JSON path so `phoenixd check-config` can report them all at once.
public struct ConfigLoader: Sendable {
    /// One problem found in a configuration.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        /// The JSON path (`kinds.vms.driver`).
        public var path: String
        /// What is wrong.
        public var message: String
        public var description: String { "\(path): \(message)" }

        /// Creates an issue.
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    private let registry: DriverRegistry?

    /// Creates a loader; with a registry it also checks driver names against it.
    public init(registry: DriverRegistry? = nil) {
        self.registry = registry
    }

    /// Parses `text` over `base` (which supplies the state directory and default drivers).
    /// - Returns: the config and every issue found; the config is only usable when there are none.
    public func load(_ text: String, over base: PhoenixConfig) -> (PhoenixConfig, [Issue]) {
        var config = base
        var issues: [Issue] = []
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            return (config, [Issue(path: "$", message: "not valid JSON")])
        }
        guard let members = root.objectValue else {
            return (config, [Issue(path: "$", message: "must be an object")])
        }
        let known: Set<String> = ["listen", "state_dir", "kinds", "limits"]
        for key in members.keys.sorted() where !known.contains(key) {
            issues.append(Issue(path: key, message: "unknown key; known keys: \(known.sorted().joined(separator: ", "))"))
        }
        if let listen = members["listen"] {
            if let text = listen.stringValue, ListenAddress(text) != nil {
                config.listen = text
            } else {
                issues.append(Issue(path: "listen", message: "must be \"host:port\", e.g. \"127.0.0.1:8080\" or \"[::1]:8080\""))
            }
        }
        if let stateDir = members["state_dir"] {
            if let text = stateDir.stringValue, text.hasPrefix("/") {
                config.stateDirectory = text
            } else {
                issues.append(Issue(path: "state_dir", message: "must be an absolute path"))
            }
        }
        if let kinds = members["kinds"] {
            loadKinds(kinds, into: &config, issues: &issues)
        }
        if let limits = members["limits"] {
            loadLimits(limits, into: &config, issues: &issues)
        }
        return (config, issues)
    }

    private func loadKinds(_ value: JSONValue, into config: inout PhoenixConfig, issues: inout [Issue]) {
        guard let kinds = value.objectValue else {
            issues.append(Issue(path: "kinds", message: "must be an object"))
            return
        }
        for (name, entry) in kinds.sorted(by: { $0.key < $1.key }) {
            let path = "kinds.\(name)"
            guard let kind = ResourceKind(rawValue: name) else {
                issues.append(Issue(path: path, message: "unknown kind; kinds are containers, vms, services"))
                continue
            }
            guard let entryMembers = entry.objectValue else {
                issues.append(Issue(path: path, message: "must be an object with \"driver\" and optional \"options\""))
                continue
            }
            for key in entryMembers.keys.sorted() where key != "driver" && key != "options" {
                issues.append(Issue(path: "\(path).\(key)", message: "unknown key; known keys: driver, options"))
            }
            guard let driver = entryMembers["driver"]?.stringValue else {
                issues.append(Issue(path: "\(path).driver", message: "is required and must be a string"))
                continue
            }
            var options: [String: JSONValue] = [:]
            if let rawOptions = entryMembers["options"] {
                if let object = rawOptions.objectValue {
                    options = object
                } else {
                    issues.append(Issue(path: "\(path).options", message: "must be an object"))
                }
            }
            let selection = DriverSelection(driver: driver, options: options)
            if let registry {
                do {
                    try registry.validate(selection, for: kind, path: "\(path).driver")
                } catch let error as PhoenixError {
                    issues.append(Issue(path: error.field ?? path, message: error.message))
                } catch {}
            }
            config.kinds[kind] = selection
        }
    }

    private func loadLimits(_ value: JSONValue, into config: inout PhoenixConfig, issues: inout [Issue]) {
        guard let limits = value.objectValue else {
            issues.append(Issue(path: "limits", message: "must be an object"))
            return
        }
        let fields: [(String, ClosedRange<Int>, WritableKeyPath<PhoenixConfig, Int>)] = [
            ("max_body_bytes", 1...(256 << 20), \.maxBodyBytes),
            ("connection_timeout_s", 1...3600, \.connectionTimeoutSeconds),
            ("connection_limit", 1...65536, \.connectionLimit),
            ("threads", 1...256, \.threads),
            ("shutdown_grace_s", 0...3600, \.shutdownGraceSeconds),
        ]
        for key in limits.keys.sorted() where !fields.contains(where: { $0.0 == key }) {
            issues.append(Issue(path: "limits.\(key)", message: "unknown limit; known: \(fields.map(\.0).joined(separator: ", "))"))
        }
        for (key, range, keyPath) in fields {
            guard let raw = limits[key] else { continue }
            if let number = raw.intValue, range.contains(number) {
                config[keyPath: keyPath] = number
            } else {
                issues.append(Issue(path: "limits.\(key)", message: "must be an integer in \(range.lowerBound)...\(range.upperBound)"))
            }
        }
    }
}
