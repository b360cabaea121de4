public import PhoenixCore

extension PhoenixStore {
    /// The live key whose secret is `token`.
    ///
    /// The token's SHA-256 is compared with `CRYPTO_memcmp` against every live key, without
    /// stopping at a match, so timing reveals neither whether nor where a key matched. Live
    /// keys are cached in memory and reloaded when `PRAGMA data_version` says another
    /// connection (the `phoenixd keys` CLI) committed, so a revocation there counts on the
    /// next request.
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func authenticate(token: String) throws -> APIKey? {
        // The format is public, so rejecting malformed tokens early leaks nothing.
        guard token.hasPrefix(KeyFormat.prefix), token.utf8.count <= 256 else { return nil }
        let hash = try Crypto.sha256(Array(token.utf8))
        let keys = try withState { state throws(PhoenixError) in try Self.liveKeys(&state) }
        var match: APIKey?
        for candidate in keys where Crypto.constantTimeEqual(candidate.hash, hash) {
            match = candidate.key
        }
        return match
    }

    /// Creates a key with a fresh secret (`phx_` + 64 hex digits from `RAND_bytes`) and
    /// stores only the secret's SHA-256.
    /// - Returns: the record and the secret, which is not kept anywhere.
    /// - Throws: `PhoenixError` `invalidField("name", …)` for a bad name.
    public func createKey(name: String, scope: Scope) throws -> (key: APIKey, secret: String) {
        try KeyFormat.validate(name: name)
        let secret = try KeyFormat.newSecret()
        let hash = try Crypto.sha256(Array(secret.utf8))
        let createdAt = Self.now()
        let id = try withState { state throws(PhoenixError) in
            state.keyCache = nil
            return try state.db.query(
                "INSERT INTO api_keys (name, scope, secret_sha256, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                [.text(name), .text(scope.rawValue), .blob(hash), .text(createdAt)]
            ) { $0.int(0) }.first ?? 0
        }
        return (APIKey(id: id, name: name, scope: scope, createdAt: createdAt), secret)
    }

    /// All keys, revoked ones included, by id.
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func listKeys() throws -> [APIKey] {
        try withState { state throws(PhoenixError) in
            try state.db.query("SELECT id, name, scope, created_at, revoked_at FROM api_keys ORDER BY id") {
                APIKey(id: $0.int(0), name: $0.text(1), scope: Scope(rawValue: $0.text(2)) ?? .read,
                       createdAt: $0.text(3), revokedAt: $0.optionalText(4))
            }
        }
    }

    /// Revokes a key; revoking a revoked key keeps its first revocation time.
    /// - Throws: `PhoenixError` `notFound` when no key has that id.
    public func revokeKey(id: Int) throws {
        let revokedAt = Self.now()
        try withState { state throws(PhoenixError) in
            state.keyCache = nil
            try state.db.transaction { () throws(PhoenixError) in
                let exists = try state.db.query("SELECT 1 FROM api_keys WHERE id = ?", [.int(id)]) { _ in true }
                guard !exists.isEmpty else { throw PhoenixError.notFound("API key \(id)") }
                try state.db.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                 [.text(revokedAt), .int(id)])
            }
        }
    }

    /// Whether any key exists, revoked or not. phoenixd creates an admin key on first start
    /// only when this is false, so revoking every key does not make a restart mint a new one.
    /// - Throws: `PhoenixError` when the store cannot be read.
    public func hasAnyKey() throws -> Bool {
        try withState { state throws(PhoenixError) in
            try state.db.query("SELECT EXISTS (SELECT 1 FROM api_keys)") { $0.int(0) != 0 }.first ?? false
        }
    }

    /// The live keys, from the cache when no other connection has committed since it was filled.
    private static func liveKeys(_ state: inout State) throws(PhoenixError) -> [CachedKey] {
        // data_version changes when another connection commits; our own writes clear the cache.
        let version = try state.db.query("PRAGMA data_version") { $0.int64(0) }.first ?? -1
        if let cached = state.keyCache, version == state.keyCacheVersion { return cached }
        let keys = try state.db.query(
            "SELECT id, name, scope, created_at, secret_sha256 FROM api_keys WHERE revoked_at IS NULL ORDER BY id"
        ) {
            CachedKey(key: APIKey(id: $0.int(0), name: $0.text(1), scope: Scope(rawValue: $0.text(2)) ?? .read,
                                  createdAt: $0.text(3)),
                      hash: $0.blob(4))
        }
        state.keyCache = keys
        state.keyCacheVersion = version
        return keys
    }
}
