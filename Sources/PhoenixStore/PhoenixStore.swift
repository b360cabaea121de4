public import PhoenixCore
import Foundation
import Synchronization

/// Phoenix's persistent state on SQLite: API keys, the id ↔ handle index and the audit log.
///
/// **Concurrency.** One SQLite connection, kept inside a `Mutex`; every public method takes
/// the lock, runs a few prepared statements synchronously and returns. The HTTP server calls
/// it from many threads at once; the calls take microseconds, so serialising them costs less
/// than a connection pool or an actor hop would, and a synchronous API lets the server call
/// it from C callbacks. Other processes (the `phoenixd keys` CLI) open their own connection;
/// SQLite's file locks (WAL mode, 5 s busy timeout) order them against this one.
public final class PhoenixStore: KeyStore, ResourceIndex, AuditSink, Sendable {
    /// The connection and what is cached from it; reachable only under the lock.
    struct State {
        var db: SQLiteConnection
        /// Live keys with their hashes, valid while `PRAGMA data_version` is `keyCacheVersion`.
        var keyCache: [CachedKey]?
        var keyCacheVersion: Int64 = -1
    }

    private let state: Mutex<State>
    let log: Log
    /// The database file.
    public let path: String

    private init(db: consuming sending SQLiteConnection, path: String, log: Log) {
        state = Mutex(State(db: db, keyCache: nil))
        self.path = path
        self.log = log
    }

    /// Opens the store in `directory`, creating the directory (mode 0700) and `phoenix.db`
    /// (mode 0600) if missing, and applying any pending schema migrations.
    /// - Throws: `PhoenixError` (`invalidConfig` when the directory cannot be created or the
    ///   database was written by a newer phoenixd).
    public static func open(directory: String, log: Log = Log(label: "store")) throws -> PhoenixStore {
        try FileSetup.makePrivateDirectory(directory)
        return try open(path: directory + "/phoenix.db", log: log)
    }

    /// Opens the database file at `path` (created with mode 0600 if missing) and applies
    /// any pending schema migrations.
    /// - Throws: `PhoenixError` as `open(directory:)`.
    public static func open(path: String, log: Log = Log(label: "store")) throws -> PhoenixStore {
        try open(path: path, schemaVersion: Migrations.latest, log: log)
    }

    /// Opens the database and migrates it only up to `schemaVersion`; tests use it to make
    /// databases as an older phoenixd would have left them, and to shorten the busy timeout.
    static func open(path: String, schemaVersion: Int, busyTimeoutMilliseconds: Int32 = 5_000,
                     log: Log = Log(label: "store")) throws -> PhoenixStore {
        try FileSetup.makePrivateFile(path)
        let db = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try Migrations.migrate(db, path: path, to: schemaVersion)
        return PhoenixStore(db: db, path: path, log: log)
    }

    /// Runs `body` with the connection under the lock.
    func withState<T: Sendable>(_ body: (inout State) throws(PhoenixError) -> T) throws(PhoenixError) -> T {
        try state.withLock { (state: inout sending State) throws(PhoenixError) -> T in try body(&state) }
    }

    /// The schema version of the open database.
    public func schemaVersion() throws -> Int {
        try withState { state throws(PhoenixError) in try Migrations.version(state.db) }
    }

    /// Rows changed through this instance's connection since it opened (for tests).
    func totalChanges() throws -> Int64 {
        try withState { state throws(PhoenixError) in state.db.totalChanges }
    }

    /// Now, as ISO 8601 UTC with seconds (`2025-01-31T12:00:00Z`).
    static func now() -> String {
        Date.now.formatted(.iso8601)
    }
}
