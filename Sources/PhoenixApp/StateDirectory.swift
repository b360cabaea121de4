public import Foundation

/// Where Phoenix keeps its store when neither `--state-dir` nor the config says.
public enum StateDirectory {
    /// The per-user default: `$PHOENIX_STATE_DIR`, else `$XDG_STATE_HOME/phoenix`, else
    /// `~/.local/state/phoenix`.
    public static func userDefault(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["PHOENIX_STATE_DIR"], explicit.hasPrefix("/") { return explicit }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/phoenix" }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return home + "/.local/state/phoenix"
    }
}
