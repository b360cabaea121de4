import PhoenixCore
internal import CSQLite

/// A prepared statement borrowed from `SQLiteConnection` for one execution.
struct SQLiteStatement {
    let raw: OpaquePointer
    let sql: String
    unowned let connection: SQLiteConnection

    /// Binds a parameter (1-based index), copying text and blobs.
    func bind(_ value: SQLiteValue, at index: Int32) throws(PhoenixError) {
        try connection.call("bind \(index): \(sql)") {
            switch value {
            case .int(let number):
                sqlite3_bind_int64(raw, index, number)
            case .text(let text):
                sqlite3_bind_text(raw, index, text, -1, phoenix_sqlite_transient())
            case .blob(let bytes):
                bytes.withUnsafeBytes { buffer in
                    // A zero-length blob still needs a non-NULL pointer, or SQLite stores NULL.
                    sqlite3_bind_blob(raw, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                      Int32(buffer.count), phoenix_sqlite_transient())
                }
            case .null:
                sqlite3_bind_null(raw, index)
            }
        }
    }

    /// Advances to the next row; `false` when done.
    func step() throws(PhoenixError) -> Bool {
        try connection.call("step: \(sql)") { sqlite3_step(raw) } == SQLITE_ROW
    }

    /// Whether a column of the current row is NULL.
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

    /// An integer column.
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

    /// An integer column as `Int`.
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(raw, column)) }

    /// An integer column that may be NULL.
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    /// A text column ("" for NULL).
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(raw, column) else { return "" }
        let count = Int(sqlite3_column_bytes(raw, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// A text column that may be NULL.
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A blob column.
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(raw, column))
        guard count > 0, let bytes = sqlite3_column_blob(raw, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
