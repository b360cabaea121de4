import Foundation
public import PhoenixCore

/// The fixture driver's options, parsed from configuration.
///
/// ```json
/// {"seed": "fixtures/seed/default.json", "latency_ms": 20,
///  "fail": {"create": "backend_unavailable"}, "actions": ["start", "stop"]}
/// ```
/// `latency_ms` is a number for every operation or an object per operation.
public struct FixtureSettings: Sendable {
    /// Resources to start with.
    public var seed: [DriverResource]
    /// Delay added to each operation.
    public var latency: [FixtureOperation: Duration]
    /// Operations that always fail, with the error code they fail with.
    public var failures: [FixtureOperation: PhoenixError.Code]
    /// The lifecycle actions to declare (all by default).
    public var actions: Set<LifecycleAction>

    /// Creates settings directly (tests, embedding).
    public init(seed: [DriverResource] = [], latency: [FixtureOperation: Duration] = [:],
                failures: [FixtureOperation: PhoenixError.Code] = [:],
                actions: Set<LifecycleAction> = Set(LifecycleAction.allCases)) {
        self.seed = seed
        self.latency = latency
        self.failures = failures
        self.actions = actions
    }

    /// Parses options for a driver serving `kind`.
    /// - Throws: `invalidConfig` naming the offending option.
    public init(options: DriverOptions, kind: ResourceKind) throws {
        try options.rejectUnknown(["seed", "latency_ms", "fail", "actions"])
        self.init()
        if let path = try options.string("seed") {
            seed = try Self.loadSeed(path: path, kind: kind, options: options)
        }
        if let raw = options.values["latency_ms"] {
            latency = try Self.perOperation(raw, key: "latency_ms", options: options) { value, path in
                guard let ms = value.intValue, (0...600_000).contains(ms) else {
                    throw options.error(path, "Latency must be an integer number of milliseconds (0...600000).")
                }
                return .milliseconds(ms)
            }
        }
        if let raw = try options.object("fail") {
            failures = try Self.perOperation(.object(raw), key: "fail", options: options) { value, path in
                guard let text = value.stringValue, let code = PhoenixError.Code(rawValue: text) else {
                    throw options.error(path, "A failure must be an error code such as \"backend_unavailable\".")
                }
                return code
            }
        }
        if let raw = options.values["actions"] {
            guard let names = raw.arrayValue?.compactMap(\.stringValue), names.count == raw.arrayValue?.count else {
                throw options.error("actions", "Option 'actions' must be an array of strings.")
            }
            actions = try Set(names.map { name in
                guard let action = LifecycleAction(rawValue: name) else {
                    throw options.error("actions", "Unknown action '\(name)'; actions are start, stop, pause, resume.")
                }
                return action
            })
        }
    }

    private static func perOperation<T>(_ raw: JSONValue, key: String, options: DriverOptions,
                                        parse: (JSONValue, String) throws -> T) throws -> [FixtureOperation: T] {
        guard let members = raw.objectValue else {
            let value = try parse(raw, key)
            return Dictionary(uniqueKeysWithValues: FixtureOperation.allCases.map { ($0, value) })
        }
        var result: [FixtureOperation: T] = [:]
        for (name, value) in members {
            guard let operation = FixtureOperation(rawValue: name) else {
                throw options.error("\(key).\(name)", "Unknown operation '\(name)'; operations are list, get, create, update, delete.")
            }
            result[operation] = try parse(value, "\(key).\(name)")
        }
        return result
    }

    /// Reads the resources of `kind` from a seed file shaped `{"containers": [...], ...}`.
    static func loadSeed(path: String, kind: ResourceKind, options: DriverOptions) throws -> [DriverResource] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw options.error("seed", "Cannot read seed file \(path).")
        }
        let document = try JSONValue.parse(Array(data))
        guard let entries = document[kind.rawValue]?.arrayValue else { return [] }
        let specs = FixtureFields.specs(for: kind)
        return try entries.enumerated().map { index, entry in
            let at = "\(path): \(kind.rawValue)[\(index)]"
            guard var members = entry.objectValue, let id = members.removeValue(forKey: "id")?.intValue,
                  let name = members.removeValue(forKey: "name")?.stringValue, NameRule.isValid(name),
                  let status = members.removeValue(forKey: "status")?.stringValue.flatMap(ResourceStatus.init(rawValue:))
            else {
                throw options.error("seed", "\(at) needs an integer id, a valid name and a status.")
            }
            do {
                members = try FieldSpec.validateMembers(members, against: specs, applyDefaults: true)
            } catch let error as PhoenixError {
                throw options.error("seed", "\(at): \(error.message)")
            }
            return DriverResource(handle: "fx-\(id)", id: id, name: name, status: status, fields: members)
        }
    }
}
