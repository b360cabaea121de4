public import PhoenixCore

extension PhoenixStore {
    /// Records a mutating request. A failure is logged and swallowed: the request has
    /// already been answered, and the client must not see the audit log's troubles.
    public func record(_ entry: AuditEntry) {
        do {
            try withState { state throws(PhoenixError) in
                try state.db.run("INSERT INTO audit_log (time, key_id, method, path, status) VALUES (?, ?, ?, ?, ?)",
                                 [.text(entry.time), .int(entry.keyID), .text(entry.method), .text(entry.path),
                                  .int(entry.status)])
            }
        } catch {
            log.error("audit entry for \(entry.method) \(entry.path) was not recorded: \(error)")
        }
    }

    /// The newest `limit` audit entries, newest first (none when `limit` ≤ 0).
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func auditEntries(limit: Int) throws -> [AuditEntry] {
        guard limit > 0 else { return [] }
        return try withState { state throws(PhoenixError) in
            try state.db.query("SELECT time, key_id, method, path, status FROM audit_log ORDER BY seq DESC LIMIT ?",
                               [.int(limit)]) {
                AuditEntry(time: $0.text(0), keyID: $0.optionalInt(1), method: $0.text(2), path: $0.text(3),
                           status: $0.int(4))
            }
        }
    }
}
