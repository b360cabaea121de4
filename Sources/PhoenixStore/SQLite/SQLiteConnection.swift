import PhoenixCore
internal import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe on purpose: `PhoenixStore` keeps it inside a `Mutex`, which is the only
/// way to reach it. It is opened with `SQLITE_OPEN_NOMUTEX` for that reason.
final class SQLiteConnection {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database at `path` and sets WAL mode, a 5 s busy
    /// timeout and foreign keys.
    /// - Throws: `PhoenixError` from `call`.
    init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws(PhoenixError) {
        handle = nil
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        try call("open \(path)") { sqlite3_open_v2(path, &handle, flags, nil) }
        sqlite3_extended_result_codes(handle, 1)
        try call("busy_timeout") { sqlite3_busy_timeout(handle, busyTimeoutMilliseconds) }
        // journal_mode answers with a row naming the mode it ended up in.
        let mode = try query("PRAGMA journal_mode = WAL") { $0.text(0) }.first
        guard mode == "wal" else {
            throw PhoenixError(.internalError, "The state database could not be put in WAL mode.",
                               underlying: SQLiteError(code: 0, message: "journal_mode is \(mode ?? "?")", context: "open"))
        }
        try execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// The one error choke point: runs one SQLite call and, if it failed, reads the
    /// connection's error in the same place and throws the matching `PhoenixError`.
    ///
    /// `SQLITE_BUSY`/`SQLITE_LOCKED` → `backendUnavailable` (retry later), constraint
    /// violations → `conflict`, anything else → `internalError`; SQLite's text is kept only
    /// as `underlying`.
    @discardableResult
    func call(_ context: @autoclosure () -> String, _ body: () -> Int32) throws(PhoenixError) -> Int32 {
        let rc = body()
        switch rc {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
            return rc
        default:
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            let cause = SQLiteError(code: rc, message: message, context: context())
            switch rc & 0xff {
            case SQLITE_BUSY, SQLITE_LOCKED:
                throw PhoenixError(.backendUnavailable, "The state database is busy; retry later.", underlying: cause)
            case SQLITE_CONSTRAINT:
                throw PhoenixError(.conflict, "The change conflicts with the stored state.", underlying: cause)
            default:
                throw PhoenixError(.internalError, "The state database failed.", underlying: cause)
            }
        }
    }

    /// Runs SQL with no parameters and no result (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(PhoenixError) {
        try call("exec: \(sql)") { sqlite3_exec(handle, sql, nil, nil, nil) }
    }

    /// Runs one statement with bound parameters and ignores any rows.
    func run(_ sql: String, _ parameters: [SQLiteValue] = []) throws(PhoenixError) {
        try withStatement(sql, parameters) { statement throws(PhoenixError) in
            while try statement.step() {}
        }
    }

    /// Runs one statement with bound parameters and maps every row.
    func query<T>(_ sql: String, _ parameters: [SQLiteValue] = [],
                  _ row: (SQLiteStatement) throws(PhoenixError) -> T) throws(PhoenixError) -> [T] {
        try withStatement(sql, parameters) { statement throws(PhoenixError) in
            var rows: [T] = []
            while try statement.step() { rows.append(try row(statement)) }
            return rows
        }
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Rows changed since the connection opened; tests use it to prove a call wrote nothing.
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    /// Runs `body` in a transaction, committing if it returns and rolling back if it throws.
    /// `immediate` takes the write lock up front, so a read-then-write cannot be overtaken
    /// by another writer (another process) between its read and its write.
    func transaction<T>(immediate: Bool = true, _ body: () throws(PhoenixError) -> T) throws(PhoenixError) -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // A failed COMMIT or body leaves the transaction open; its own error is the one to report.
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func withStatement<T>(_ sql: String, _ parameters: [SQLiteValue],
                                  _ body: (SQLiteStatement) throws(PhoenixError) -> T) throws(PhoenixError) -> T {
        let raw = try prepared(sql)
        defer {
            sqlite3_reset(raw)
            sqlite3_clear_bindings(raw)
        }
        let statement = SQLiteStatement(raw: raw, sql: sql, connection: self)
        for (offset, value) in parameters.enumerated() {
            try statement.bind(value, at: Int32(offset + 1))
        }
        return try body(statement)
    }

    private func prepared(_ sql: String) throws(PhoenixError) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var raw: OpaquePointer?
        try call("prepare: \(sql)") {
            sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        }
        guard let raw else {
            throw PhoenixError(.internalError, "The state database failed.",
                               underlying: SQLiteError(code: 0, message: "empty statement", context: sql))
        }
        statements[sql] = raw
        return raw
    }
}
