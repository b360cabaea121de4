/// Everything a driver factory gets to build one driver instance.
public struct DriverContext: Sendable {
    /// The kind the instance will serve.
    public var kind: ResourceKind
    /// The driver's options from the configuration.
    public var options: DriverOptions
    /// Phoenix's state directory; drivers may keep files below `stateDirectory/drivers/<name>`.
    public var stateDirectory: String
    /// Where the driver writes log lines.
    public var log: Log

    /// Creates a context.
    public init(kind: ResourceKind, options: DriverOptions = DriverOptions(), stateDirectory: String, log: Log = Log()) {
        self.kind = kind
        self.options = options
        self.stateDirectory = stateDirectory
        self.log = log
    }
}

/// A named way to build drivers; `phoenixd` registers one per built-in driver.
public struct DriverFactory: Sendable {
    /// The name configuration refers to (`"libvirt"`).
    public var name: String
    /// The kinds it can serve.
    public var kinds: Set<ResourceKind>
    /// One line for `--help` and startup errors.
    public var summary: String
    /// Builds an instance; throws `invalidConfig` for bad options.
    public var make: @Sendable (DriverContext) async throws -> any ResourceDriver

    /// Creates a factory.
    public init(name: String, kinds: Set<ResourceKind>, summary: String,
                make: @escaping @Sendable (DriverContext) async throws -> any ResourceDriver) {
        self.name = name
        self.kinds = kinds
        self.summary = summary
        self.make = make
    }
}
