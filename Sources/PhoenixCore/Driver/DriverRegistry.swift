/// The set of driver factories known to this build, and the drivers configuration picks.
///
/// Built once at startup, then read-only, and passed explicitly to whoever needs it.
public struct DriverRegistry: Sendable {
    /// The name that switches a kind off.
    public static let noneDriver = "none"

    /// The registered factories by name.
    public let factories: [String: DriverFactory]

    /// Creates a registry.
    /// - Precondition: names are unique.
    public init(_ factories: [DriverFactory]) {
        self.factories = Dictionary(uniqueKeysWithValues: factories.map { ($0.name, $0) })
    }

    /// The names of the drivers that can serve `kind`, sorted.
    public func names(serving kind: ResourceKind) -> [String] {
        factories.values.filter { $0.kinds.contains(kind) }.map(\.name).sorted()
    }

    /// Checks a selection without building anything.
    /// - Throws: `invalidConfig` naming the available drivers for an unknown name or wrong kind.
    public func validate(_ selection: DriverSelection, for kind: ResourceKind, path: String) throws {
        if selection.driver == Self.noneDriver { return }
        let available = names(serving: kind).joined(separator: ", ")
        guard let factory = factories[selection.driver] else {
            throw PhoenixError(.invalidConfig,
                               "Unknown driver '\(selection.driver)' for \(kind.rawValue); available: \(available), none.",
                               field: path)
        }
        guard factory.kinds.contains(kind) else {
            throw PhoenixError(.invalidConfig,
                               "Driver '\(selection.driver)' cannot serve \(kind.rawValue); available: \(available), none.",
                               field: path)
        }
    }

    /// Builds the driver for each served kind; kinds set to `none` are left out.
    /// - Throws: `invalidConfig` for a bad selection or bad options.
    public func makeDrivers(for config: PhoenixConfig, log: Log = Log()) async throws -> [ResourceKind: any ResourceDriver] {
        var drivers: [ResourceKind: any ResourceDriver] = [:]
        for kind in ResourceKind.allCases {
            let selection = config.selection(for: kind)
            let path = "kinds.\(kind.rawValue).driver"
            try validate(selection, for: kind, path: path)
            guard selection.driver != Self.noneDriver, let factory = factories[selection.driver] else { continue }
            let context = DriverContext(kind: kind,
                                        options: DriverOptions(selection.options, path: "kinds.\(kind.rawValue).options"),
                                        stateDirectory: config.stateDirectory, log: log)
            drivers[kind] = try await factory.make(context)
        }
        return drivers
    }
}
