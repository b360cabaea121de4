/// What SQLite said when a call failed: kept as a `PhoenixError`'s `underlying` for logs,
/// never shown to clients.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`rc & 0xff` is the primary code).
    var code: Int32
    /// `sqlite3_errmsg` at the time of the failure.
    var message: String
    /// What Phoenix was doing ("step: INSERT INTO api_keys …").
    var context: String

    var description: String { "sqlite error \(code) during \(context): \(message)" }
}
