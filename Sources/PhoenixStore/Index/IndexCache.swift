import PhoenixCore

/// When something cached from the database was read: the database's `PRAGMA data_version`
/// (which changes when another connection — another process — commits) and this
/// connection's own change counter (which changes with every row this connection writes).
/// While both are unchanged, the database holds what was read.
struct CacheStamp: Equatable, Sendable {
    var dataVersion: Int64
    var ownChanges: Int64

    /// The stamp now; one `PRAGMA data_version` (a read of the WAL index, no table access).
    static func current(_ db: SQLiteConnection) throws(PhoenixError) -> CacheStamp {
        // Own changes first: a write of ours after this read makes the stamp stale, never current.
        let ownChanges = db.totalChanges
        let dataVersion = try db.query("PRAGMA data_version") { $0.int64(0) }.first ?? -1
        return CacheStamp(dataVersion: dataVersion, ownChanges: ownChanges)
    }
}

/// Where a handle is bound.
struct Binding: Sendable, Equatable {
    var id: Int
    var sequence: Int64
}

/// The bindings of every kind and the next bind sequence, as of `stamp`.
///
/// Every list reconciles its ids with the store; with this cache the common case (nothing
/// changed) is one `PRAGMA data_version` and dictionary look-ups instead of two SELECTs.
/// Anything that writes the index, in this process or another, changes the stamp, and the
/// next use reloads.
struct IndexCache: Sendable {
    var stamp: CacheStamp
    var nextBindSequence: Int64
    var bindings: [ResourceKind: [String: Binding]]

    /// Reads the whole index in one read transaction, stamped before the reads so that a
    /// commit landing during them makes the cache stale rather than wrongly current.
    static func load(_ db: SQLiteConnection) throws(PhoenixError) -> IndexCache {
        try db.transaction(immediate: false) { () throws(PhoenixError) in
            let stamp = try CacheStamp.current(db)
            let next = try PhoenixStore.nextBindSequence(db)
            var bindings: [ResourceKind: [String: Binding]] = [:]
            let rows = try db.query("SELECT kind, handle, id, bind_seq FROM resource_ids WHERE handle IS NOT NULL") {
                (kind: $0.text(0), handle: $0.text(1), binding: Binding(id: $0.int(2), sequence: $0.int64(3)))
            }
            for row in rows {
                guard let kind = ResourceKind(rawValue: row.kind) else { continue }
                // A handle is bound at most once per kind (bind drops its other ids); keep the first anyway.
                if bindings[kind, default: [:]][row.handle] == nil {
                    bindings[kind, default: [:]][row.handle] = row.binding
                }
            }
            return IndexCache(stamp: stamp, nextBindSequence: next, bindings: bindings)
        }
    }
}
