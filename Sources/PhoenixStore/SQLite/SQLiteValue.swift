/// A value bound to a statement parameter. User data only ever reaches SQL this way,
/// never by string interpolation.
enum SQLiteValue: Sendable {
    case int(Int64)
    case text(String)
    case blob([UInt8])
    case null

    /// An optional integer, `NULL` when absent.
    static func int(_ value: Int?) -> SQLiteValue { value.map { .int(Int64($0)) } ?? .null }
    /// An integer.
    static func int(_ value: Int) -> SQLiteValue { .int(Int64(value)) }
    /// An optional text, `NULL` when absent.
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
}
