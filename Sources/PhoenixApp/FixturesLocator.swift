public import Foundation

/// Finds the repository's `fixtures/` directory for the embedded default.
public enum FixturesLocator {
    /// The seed file of the embedded default, relative to `fixtures/`.
    public static let defaultSeed = "seed/default.json"

    /// The `fixtures` directory: `$PHOENIX_FIXTURES`, else the first `fixtures/` holding the
    /// default seed found walking up from the executable, then from the working directory.
    public static func fixturesDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["PHOENIX_FIXTURES"] { return explicit }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let starts = [URL(fileURLWithPath: executable).deletingLastPathComponent(),
                      URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for start in starts {
            var directory = start.standardizedFileURL
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("fixtures")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(defaultSeed).path) {
                    return candidate.path
                }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}
