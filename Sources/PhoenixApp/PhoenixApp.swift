public import Foundation
public import PhoenixCore

/// `phoenixd`'s commands, as a library so they are tested in-process; the executable only
/// registers the built-in drivers and calls `run`.
public struct PhoenixApp: Sendable {
    /// The drivers this build knows.
    public let registry: DriverRegistry
    /// The driver of each kind when no config names one.
    public let embeddedDefault: [ResourceKind: DriverSelection]
    /// The process environment (for the state directory and fixtures lookup).
    public let environment: [String: String]
    /// Subcommands the executable adds (`conformance`), by name: each gets the words after
    /// its name and returns the exit status.
    public let extraCommands: [String: @Sendable ([String]) async -> Int32]

    /// Creates the app.
    public init(registry: DriverRegistry, embeddedDefault: [ResourceKind: DriverSelection],
                environment: [String: String] = ProcessInfo.processInfo.environment,
                extraCommands: [String: @Sendable ([String]) async -> Int32] = [:]) {
        self.registry = registry
        self.embeddedDefault = embeddedDefault
        self.environment = environment
        self.extraCommands = extraCommands
    }

    /// Runs the command line and returns the exit status.
    public func run(_ arguments: [String]) async -> Int32 {
        if let name = arguments.first, let command = extraCommands[name] {
            return await command(Array(arguments.dropFirst()))
        }
        do {
            let parsed = try CommandLineArguments(arguments)
            if parsed.flag("version") {
                print("phoenixd \(PhoenixVersion.current)")
                return 0
            }
            if parsed.flag("help") || parsed.positional.first == "help" {
                print(Self.usage)
                return 0
            }
            switch parsed.positional.first {
            case nil, "serve":
                return try await ServeCommand(app: self, arguments: parsed).run()
            case "keys":
                return try KeysCommand(app: self, arguments: parsed).run()
            case "check-config":
                return try await CheckConfigCommand(app: self, arguments: parsed).run()
            case let other?:
                throw PhoenixAppError.usage("Unknown command '\(other)'.")
            }
        } catch let error as PhoenixAppError {
            Self.printError("phoenixd: \(error)\n\n\(Self.usage)")
            return 2
        } catch let error as PhoenixError {
            Self.printError("phoenixd: \(error.field.map { "\($0): " } ?? "")\(error.message)")
            return 1
        } catch {
            Self.printError("phoenixd: \(error)")
            return 1
        }
    }

    /// Builds the configuration: embedded default, then `--config FILE`, then `--state-dir`
    /// and `--listen`.
    /// - Throws: `invalidConfig` listing every problem of the file.
    func configuration(_ arguments: CommandLineArguments) throws -> PhoenixConfig {
        var config = PhoenixConfig(stateDirectory: StateDirectory.userDefault(environment: environment),
                                   defaultSelections: resolvedDefault())
        if let path = arguments.value("config") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PhoenixError(.invalidConfig, "Cannot read config file \(path).")
            }
            let (loaded, issues) = ConfigLoader(registry: registry).load(String(decoding: data, as: UTF8.self), over: config)
            guard issues.isEmpty else {
                throw PhoenixError(.invalidConfig, "\(path) is invalid:\n" + issues.map { "  \($0)" }.joined(separator: "\n"))
            }
            config = loaded
        }
        if let stateDir = arguments.value("state-dir") {
            config.stateDirectory = URL(fileURLWithPath: stateDir).standardizedFileURL.path
        }
        if let listen = arguments.value("listen") {
            guard ListenAddress(listen) != nil else { throw PhoenixAppError.usage("--listen must be host:port.") }
            config.listen = listen
        }
        return config
    }

    /// The embedded default with the fixture seed located on disk.
    func resolvedDefault() -> [ResourceKind: DriverSelection] {
        embeddedDefault.mapValues { selection in
            var selection = selection
            if selection.driver == "fixture", selection.options["seed"] == nil,
               let fixtures = FixturesLocator.fixturesDirectory(environment: environment) {
                selection.options["seed"] = .string(fixtures + "/" + FixturesLocator.defaultSeed)
            }
            return selection
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static let usage = """
        usage: phoenixd [serve] [--config FILE] [--state-dir DIR] [--listen HOST:PORT]
               phoenixd keys create --name NAME --scope read|write|admin [--state-dir DIR | --config FILE]
               phoenixd keys list [--state-dir DIR | --config FILE]
               phoenixd keys revoke ID [--state-dir DIR | --config FILE]
               phoenixd check-config FILE
               phoenixd conformance --kind KIND [--config FILE | --driver NAME --option KEY=VALUE ...]
               phoenixd --version | --help
        """
}

/// The version `phoenixd --version` prints.
public enum PhoenixVersion {
    /// The current version.
    public static let current = "0.1.0"
}
