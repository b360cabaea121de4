import PhoenixCore
import PhoenixStore

/// `phoenixd keys create|list|revoke`: key management on the store of `--state-dir` (or the
/// config's `state_dir`, or the per-user default).
struct KeysCommand {
    let app: PhoenixApp
    let arguments: CommandLineArguments

    func run() throws -> Int32 {
        try arguments.rejectUnknown(["config", "state-dir", "name", "scope"])
        let config = try app.configuration(arguments)
        let store = try PhoenixStore.open(directory: config.stateDirectory)
        let words = Array(arguments.positional.dropFirst())
        switch words.first {
        case "create":
            guard let name = arguments.value("name") else { throw PhoenixAppError.usage("keys create needs --name NAME.") }
            guard let scope = Scope(rawValue: arguments.value("scope") ?? "") else {
                throw PhoenixAppError.usage("keys create needs --scope read|write|admin.")
            }
            // Only the key goes to stdout, so scripts can capture it.
            print(try store.createKey(name: name, scope: scope).secret)
        case "list":
            print(Self.row("ID", "NAME", "SCOPE", "CREATED", "REVOKED"))
            for key in try store.listKeys() {
                print(Self.row(String(key.id), key.name, key.scope.rawValue, key.createdAt, key.revokedAt ?? "-"))
            }
        case "revoke":
            guard words.count == 2, let id = Int(words[1]) else { throw PhoenixAppError.usage("keys revoke needs a key ID.") }
            try store.revokeKey(id: id)
            PhoenixApp.printError("revoked key \(id)")
        default:
            throw PhoenixAppError.usage("keys needs create, list or revoke.")
        }
        return 0
    }

    private static func row(_ columns: String...) -> String {
        zip(columns, [6, 24, 8, 28, 28]).map { column, width in
            column.count >= width ? column + " " : column + String(repeating: " ", count: width - column.count)
        }.joined()
    }
}
