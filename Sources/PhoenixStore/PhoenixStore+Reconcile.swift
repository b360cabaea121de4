public import PhoenixCore

extension PhoenixStore {
    /// Brings the bindings of `kind` in line with what the backend reported.
    ///
    /// Known handles keep their ids. A new handle gets its `idHint` when that id is free or
    /// reserved for `kind` (a create in flight whose resource showed up in a list before its
    /// `bind`), else the lowest free id ≥ 100. Bindings of handles not reported are dropped
    /// only if their bind sequence is < `since`; reservations are never dropped here.
    ///
    /// It runs on every list, so the common case — every handle already known, nothing to
    /// drop — is one SELECT and no write. Only when something changes does it take the write
    /// lock and redo the work inside one transaction.
    /// - Returns: handle → id for every observed handle.
    /// - Throws: `PhoenixError` when the store cannot be read or written.
    public func reconcile(kind: ResourceKind, observed: [(handle: String, idHint: Int?)],
                          since: Int64) throws -> [String: Int] {
        let observed = observed.map { ObservedHandle(handle: $0.handle, idHint: $0.idHint) }
        return try withState { state throws(PhoenixError) in
            if let unchanged = try Self.reconcileWithoutChanges(state.db, kind: kind, observed: observed, since: since) {
                return unchanged
            }
            return try state.db.transaction { () throws(PhoenixError) in
                try Self.reconcileWithChanges(state.db, kind: kind, observed: observed, since: since)
            }
        }
    }

    /// The map when no row has to change, else nil.
    private static func reconcileWithoutChanges(_ db: SQLiteConnection, kind: ResourceKind,
                                                observed: [ObservedHandle], since: Int64) throws(PhoenixError) -> [String: Int]? {
        let bindings = try bindings(db, kind: kind)
        var result: [String: Int] = [:]
        result.reserveCapacity(observed.count)
        for item in observed {
            guard let binding = bindings[item.handle] else { return nil }
            result[item.handle] = binding.id
        }
        for (handle, binding) in bindings where result[handle] == nil && binding.sequence < since {
            return nil
        }
        return result
    }

    /// The full reconcile; runs inside a write transaction, so it re-reads everything.
    private static func reconcileWithChanges(_ db: SQLiteConnection, kind: ResourceKind,
                                             observed: [ObservedHandle], since: Int64) throws(PhoenixError) -> [String: Int] {
        let bindings = try bindings(db, kind: kind)
        let observedHandles = Set(observed.map(\.handle))
        for (handle, binding) in bindings where !observedHandles.contains(handle) && binding.sequence < since {
            try db.run("DELETE FROM resource_ids WHERE id = ?", [.int(binding.id)])
        }
        var allocator = IDAllocator(taken: try takenIDs(db))
        var reservedForKind = Set(try db.query("SELECT id FROM resource_ids WHERE kind = ? AND handle IS NULL",
                                               [.text(kind.rawValue)]) { $0.int(0) })
        var result: [String: Int] = [:]
        var newBindings: [(handle: String, id: Int)] = []
        for item in observed where result[item.handle] == nil {
            if let binding = bindings[item.handle] {
                result[item.handle] = binding.id
                continue
            }
            let id: Int
            if let hint = item.idHint, IDAllocator.validIDs.contains(hint),
               allocator.isFree(hint) || reservedForKind.contains(hint) {
                id = hint
                allocator.claim(hint)
                reservedForKind.remove(hint)
            } else {
                id = try allocator.next()
            }
            result[item.handle] = id
            newBindings.append((item.handle, id))
        }
        if !newBindings.isEmpty {
            var sequence = try takeBindSequences(db, count: newBindings.count)
            for binding in newBindings {
                try upsertBinding(db, id: binding.id, kind: kind, handle: binding.handle, sequence: sequence)
                sequence += 1
            }
        }
        return result
    }

    /// The bindings (not reservations) of `kind`, by handle.
    private static func bindings(_ db: SQLiteConnection, kind: ResourceKind) throws(PhoenixError) -> [String: Binding] {
        let rows = try db.query("SELECT handle, id, bind_seq FROM resource_ids WHERE kind = ? AND handle IS NOT NULL",
                                [.text(kind.rawValue)]) { (handle: $0.text(0), binding: Binding(id: $0.int(1), sequence: $0.int64(2))) }
        return Dictionary(rows.map { ($0.handle, $0.binding) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One handle a backend reported, with the id it recorded (if any).
private struct ObservedHandle: Sendable {
    var handle: String
    var idHint: Int?
}

/// Where a handle is bound.
private struct Binding: Sendable {
    var id: Int
    var sequence: Int64
}
