public import PhoenixCore

/// The id ↔ handle index. Table `resource_ids` has one row per id in use: a binding
/// (`handle` and `bind_seq` set) or a reservation (both NULL). Ids are the primary key, so
/// they are unique across kinds.
extension PhoenixStore {
    /// The sequence number the next `bind` will get; bindings made after this call have a
    /// sequence ≥ the value returned.
    ///
    /// Answered without the lock from the index cache's value while this connection wrote
    /// nothing since the cache was last validated, without asking whether another process
    /// bound something meanwhile: the value can then only be lower than the truth, which
    /// keeps a binding one list longer at most (a missing handle is dropped only if bound
    /// before `since`), and the reconcile that follows revalidates the cache. So a list
    /// costs one `PRAGMA data_version` besides authentication, and no extra lock.
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func sequence() throws -> Int64 {
        let published = publishedSequence.load(ordering: .acquiring)
        if published >= 0 { return published }
        return try withState { state throws(PhoenixError) in try currentIndex(&state).nextBindSequence }
    }

    /// Reserves `requested` if no binding or reservation holds it, else throws; with no
    /// request, reserves the lowest free id ≥ 100.
    /// - Throws: `PhoenixError` `conflict` ("id 950 is taken"), `invalidField("id", …)` for
    ///   an id outside 1...999 999 999.
    public func reserve(kind: ResourceKind, requested: Int?) throws -> Int {
        if let requested { try IDAllocator.validate(requested) }
        return try withState { state throws(PhoenixError) in
            try state.db.transaction { () throws(PhoenixError) -> Int in
                var allocator = IDAllocator(taken: try Self.takenIDs(state.db))
                let id: Int
                if let requested {
                    guard allocator.isFree(requested) else {
                        throw PhoenixError(.conflict, "id \(requested) is taken.", field: "id")
                    }
                    id = requested
                } else {
                    id = try allocator.next()
                }
                try state.db.run("INSERT INTO resource_ids (id, kind) VALUES (?, ?)", [.int(id), .text(kind.rawValue)])
                return id
            }
        }
    }

    /// Binds `id` to (`kind`, `handle`), dropping any other id that pair had. The id must be
    /// free, reserved for `kind`, or already bound to this same handle.
    /// - Throws: `PhoenixError` `conflict` when the id belongs to something else,
    ///   `invalidField("id", …)` when out of range.
    public func bind(id: Int, kind: ResourceKind, handle: String) throws {
        try IDAllocator.validate(id)
        try withState { state throws(PhoenixError) in
            try state.db.transaction { () throws(PhoenixError) in
                let owner = try state.db.query("SELECT kind, handle FROM resource_ids WHERE id = ?", [.int(id)]) {
                    (kind: $0.text(0), handle: $0.optionalText(1))
                }.first
                if let owner, owner.kind != kind.rawValue || (owner.handle != nil && owner.handle != handle) {
                    throw PhoenixError(.conflict, "id \(id) is taken.", field: "id")
                }
                try state.db.run("DELETE FROM resource_ids WHERE kind = ? AND handle = ? AND id != ?",
                                 [.text(kind.rawValue), .text(handle), .int(id)])
                try Self.upsertBinding(state.db, id: id, kind: kind, handle: handle,
                                       sequence: try Self.takeBindSequences(state.db, count: 1))
            }
        }
    }

    /// Forgets every reservation (an id reserved for a create that never bound a handle).
    /// The server calls it at start, when none of its creates can be in flight, so an id
    /// reserved by a create that a crash interrupted is not held forever.
    /// - Returns: how many reservations were dropped.
    /// - Throws: `PhoenixError` when the store cannot be written.
    @discardableResult
    public func dropReservations() throws -> Int {
        try withState { state throws(PhoenixError) in
            let before = state.db.totalChanges
            try state.db.run("DELETE FROM resource_ids WHERE handle IS NULL")
            return Int(state.db.totalChanges - before)
        }
    }

    /// Moves `id` from handle `from` to handle `to` in one transaction.
    /// - Throws: `PhoenixError` `conflict` when `id` is not bound to (`kind`, `from`).
    public func rebind(id: Int, kind: ResourceKind, from: String, to: String) throws {
        try IDAllocator.validate(id)
        try withState { state throws(PhoenixError) in
            try state.db.transaction { () throws(PhoenixError) in
                let owned = try state.db.query("SELECT 1 FROM resource_ids WHERE id = ? AND kind = ? AND handle = ?",
                                               [.int(id), .text(kind.rawValue), .text(from)]) { _ in true }.first ?? false
                guard owned else { throw PhoenixError(.conflict, "id \(id) is not bound to \(from).", field: "id") }
                try state.db.run("DELETE FROM resource_ids WHERE kind = ? AND handle = ? AND id != ?",
                                 [.text(kind.rawValue), .text(to), .int(id)])
                try Self.upsertBinding(state.db, id: id, kind: kind, handle: to,
                                       sequence: try Self.takeBindSequences(state.db, count: 1))
            }
        }
    }

    /// Forgets `id`, whether bound or reserved; forgetting an unknown id does nothing.
    /// - Throws: `PhoenixError` when the store cannot be written.
    public func release(id: Int) throws {
        try withState { state throws(PhoenixError) in
            try state.db.run("DELETE FROM resource_ids WHERE id = ?", [.int(id)])
        }
    }

    /// The handle bound to `id` for `kind`; nil when the id is free, only reserved, or
    /// bound to another kind.
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func handle(for id: Int, kind: ResourceKind) throws -> String? {
        try withState { state throws(PhoenixError) in
            try state.db.query("SELECT handle FROM resource_ids WHERE id = ? AND kind = ? AND handle IS NOT NULL",
                               [.int(id), .text(kind.rawValue)]) { $0.text(0) }.first
        }
    }

    // MARK: - Shared helpers

    /// Every id in use, by any kind, bound or reserved.
    static func takenIDs(_ db: SQLiteConnection) throws(PhoenixError) -> Set<Int> {
        Set(try db.query("SELECT id FROM resource_ids") { $0.int(0) })
    }

    static func nextBindSequence(_ db: SQLiteConnection) throws(PhoenixError) -> Int64 {
        try db.query("SELECT value FROM counters WHERE name = 'next_bind_seq'") { $0.int64(0) }.first ?? 1
    }

    /// Takes `count` consecutive bind sequence numbers and returns the first.
    static func takeBindSequences(_ db: SQLiteConnection, count: Int) throws(PhoenixError) -> Int64 {
        try db.query("UPDATE counters SET value = value + ? WHERE name = 'next_bind_seq' RETURNING value - ?",
                     [.int(count), .int(count)]) { $0.int64(0) }.first ?? 1
    }

    static func upsertBinding(_ db: SQLiteConnection, id: Int, kind: ResourceKind, handle: String,
                              sequence: Int64) throws(PhoenixError) {
        try db.run("""
            INSERT INTO resource_ids (id, kind, handle, bind_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET handle = excluded.handle, bind_seq = excluded.bind_seq
            """, [.int(id), .text(kind.rawValue), .text(handle), .int(sequence)])
    }
}
