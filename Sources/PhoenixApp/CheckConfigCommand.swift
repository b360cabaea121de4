import Foundation
import PhoenixCore

/// `phoenixd check-config FILE`: reports every problem of a config file with its JSON path,
/// including driver options (each configured driver is built once, then closed).
struct CheckConfigCommand {
    let app: PhoenixApp
    let arguments: CommandLineArguments

    func run() async throws -> Int32 {
        try arguments.rejectUnknown([])
        guard arguments.positional.count == 2 else { throw PhoenixAppError.usage("check-config needs FILE.") }
        let path = arguments.positional[1]
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PhoenixError(.invalidConfig, "Cannot read config file \(path).")
        }
        let base = PhoenixConfig(stateDirectory: StateDirectory.userDefault(environment: app.environment),
                                 defaultSelections: app.resolvedDefault())
        var (config, issues) = ConfigLoader(registry: app.registry).load(String(decoding: data, as: UTF8.self), over: base)
        if issues.isEmpty {
            issues = await driverIssues(config)
        }
        for issue in issues { print("\(path): \(issue)") }
        if issues.isEmpty {
            for kind in ResourceKind.allCases { print("\(kind.rawValue): \(config.selection(for: kind).driver)") }
            print("\(path): OK")
            return 0
        }
        return 1
    }

    /// Builds each configured driver to check its options, then closes it.
    private func driverIssues(_ config: PhoenixConfig) async -> [ConfigLoader.Issue] {
        var issues: [ConfigLoader.Issue] = []
        for kind in ResourceKind.allCases {
            let selection = config.selection(for: kind)
            guard let factory = app.registry.factories[selection.driver] else { continue }
            let options = DriverOptions(selection.options, path: "kinds.\(kind.rawValue).options")
            do {
                let driver = try await factory.make(DriverContext(kind: kind, options: options,
                                                                  stateDirectory: config.stateDirectory))
                await driver.close()
            } catch let error as PhoenixError {
                issues.append(.init(path: error.field ?? "kinds.\(kind.rawValue)", message: error.message))
            } catch {
                issues.append(.init(path: "kinds.\(kind.rawValue)", message: "driver failed to start: \(error)"))
            }
        }
        return issues
    }
}
