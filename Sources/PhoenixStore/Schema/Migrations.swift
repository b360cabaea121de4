import PhoenixCore

/// The numbered schema migrations. The applied version is `PRAGMA user_version`; each
/// migration runs in its own transaction together with the version bump, so a crash
/// leaves the database at the previous version, never half-way.
///
/// Never edit a shipped migration: add a new one at the end.
enum Migrations {
    /// The migrations in order; `all[0]` takes the schema to version 1.
    static let all: [String] = [
        // 1: API keys, the id ↔ handle index and its bind counter.
        """
        CREATE TABLE api_keys (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            name          TEXT    NOT NULL,
            scope         TEXT    NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
            secret_sha256 BLOB    NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
            created_at    TEXT    NOT NULL,
            revoked_at    TEXT
        );
        CREATE TABLE resource_ids (
            id       INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 999999999),
            kind     TEXT    NOT NULL,
            handle   TEXT,
            bind_seq INTEGER,
            CHECK ((handle IS NULL) = (bind_seq IS NULL))
        );
        CREATE UNIQUE INDEX resource_ids_kind_handle ON resource_ids (kind, handle) WHERE handle IS NOT NULL;
        CREATE TABLE counters (
            name  TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO counters (name, value) VALUES ('next_bind_seq', 1);
        """,
        // 2: the audit log of mutating requests.
        """
        CREATE TABLE audit_log (
            seq    INTEGER PRIMARY KEY AUTOINCREMENT,
            time   TEXT    NOT NULL,
            key_id INTEGER REFERENCES api_keys (id),
            method TEXT    NOT NULL,
            path   TEXT    NOT NULL,
            status INTEGER NOT NULL
        );
        """,
    ]

    /// The newest version this binary knows.
    static var latest: Int { all.count }

    /// Brings the database up to `target` (default: the latest), one transaction per step.
    /// - Throws: `PhoenixError` `invalidConfig` when the database is newer than this binary.
    static func migrate(_ db: SQLiteConnection, path: String, to target: Int = latest) throws(PhoenixError) {
        let current = try version(db)
        if current > latest {
            throw PhoenixError(.invalidConfig,
                               "The state database \(path) has schema version \(current), but this phoenixd "
                               + "only knows versions up to \(latest); run a newer phoenixd or restore a backup.")
        }
        guard current < target else { return }
        for next in (current + 1)...target {
            try db.transaction { () throws(PhoenixError) in
                // Another process (the CLI) may have migrated while we waited for the write lock.
                guard try version(db) == next - 1 else { return }
                try db.execute(all[next - 1])
                // PRAGMA cannot take bound parameters; `next` is our own integer, not user data.
                try db.execute("PRAGMA user_version = \(next)")
            }
        }
    }

    /// The schema version recorded in the database (0 for a new file).
    static func version(_ db: SQLiteConnection) throws(PhoenixError) -> Int {
        try db.query("PRAGMA user_version") { $0.int(0) }.first ?? 0
    }
}
