/// An API key's record. The secret itself is never stored, only its SHA-256 hash.
public struct APIKey: Sendable, Hashable {
    /// The key's id, shown in logs and the audit trail.
    public var id: Int
    /// A label chosen at creation.
    public var name: String
    /// What it may do.
    public var scope: Scope
    /// When it was created (ISO 8601, UTC).
    public var createdAt: String
    /// When it was revoked, if it was.
    public var revokedAt: String?

    /// Creates a record.
    public init(id: Int, name: String, scope: Scope, createdAt: String, revokedAt: String? = nil) {
        self.id = id
        self.name = name
        self.scope = scope
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The record as JSON (never includes the secret).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .int(id), "name": .string(name), "scope": .string(scope.rawValue), "created_at": .string(createdAt),
        ]
        members["revoked_at"] = revokedAt.map(JSONValue.string) ?? .null
        return .object(members)
    }
}

/// Where keys live. `PhoenixStore` implements it on SQLite.
public protocol KeyStore: Sendable {
    /// The live (not revoked) key whose secret is `token`, compared in constant time.
    /// - Throws: `PhoenixError` when the store cannot be read.
    func authenticate(token: String) throws -> APIKey?

    /// Creates a key with fresh randomness (at least 128 bits) and returns it with its secret,
    /// which is not kept anywhere.
    /// - Throws: `PhoenixError` (`invalidField` for a bad name).
    func createKey(name: String, scope: Scope) throws -> (key: APIKey, secret: String)

    /// All keys, revoked ones included, by id.
    func listKeys() throws -> [APIKey]

    /// Revokes a key.
    /// - Throws: `PhoenixError` `notFound`.
    func revokeKey(id: Int) throws
}
