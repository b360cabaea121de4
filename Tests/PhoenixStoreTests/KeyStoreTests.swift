import PhoenixTestSupport
import Foundation
import PhoenixCore
import Testing
@testable import PhoenixStore

@Suite("API keys")
struct KeyStoreTests {
    @Test func createdKeyAuthenticatesWithItsSecretAndScope() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (key, secret) = try store.createKey(name: "ci deploy", scope: .write)

        #expect(secret.hasPrefix("phx_"))
        #expect(secret.count == 4 + 64)
        let found = try #require(try store.authenticate(token: secret))
        #expect(found.id == key.id)
        #expect(found.name == "ci deploy")
        #expect(found.scope == .write)
        #expect(found.revokedAt == nil)
    }

    @Test func twoKeysGetDifferentSecretsAndEachFindsItsOwnRecord() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let reader = try store.createKey(name: "reader", scope: .read)
        let admin = try store.createKey(name: "admin", scope: .admin)

        #expect(reader.secret != admin.secret)
        #expect(try store.authenticate(token: reader.secret)?.id == reader.key.id)
        #expect(try store.authenticate(token: admin.secret)?.scope == .admin)
    }

    @Test(arguments: ["", "phx_", "phx_0000000000000000000000000000000000000000000000000000000000000000", "Bearer x"])
    func wrongTokenDoesNotAuthenticate(token: String) throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (_, secret) = try store.createKey(name: "k", scope: .admin)

        #expect(try store.authenticate(token: token) == nil)
        #expect(try store.authenticate(token: secret + "0") == nil)
        #expect(try store.authenticate(token: String(secret.dropLast())) == nil)
    }

    @Test func revokedKeyNoLongerAuthenticatesAndIsListedAsRevoked() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (key, secret) = try store.createKey(name: "old", scope: .write)
        let (other, otherSecret) = try store.createKey(name: "new", scope: .read)
        #expect(try store.authenticate(token: secret) != nil)

        try store.revokeKey(id: key.id)

        #expect(try store.authenticate(token: secret) == nil)
        #expect(try store.authenticate(token: otherSecret)?.id == other.id)
        let listed = try store.listKeys()
        #expect(listed.map(\.id) == [key.id, other.id])
        #expect(listed[0].revokedAt != nil)
        #expect(listed[1].revokedAt == nil)
        #expect(listed.map(\.scope) == [.write, .read])
    }

    @Test func revokingTwiceKeepsTheFirstRevocationTime() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (key, _) = try store.createKey(name: "k", scope: .read)
        try store.revokeKey(id: key.id)
        let first = try #require(try store.listKeys().first?.revokedAt)
        Thread.sleep(forTimeInterval: 1.1)
        try store.revokeKey(id: key.id)
        #expect(try store.listKeys().first?.revokedAt == first)
    }

    @Test func revokingUnknownKeyIsNotFound() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let error = #expect(throws: PhoenixError.self) { try store.revokeKey(id: 42) }
        #expect(error?.code == .notFound)
    }

    @Test func revocationByAnotherConnectionIsSeenOnTheNextRequest() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        let (key, secret) = try server.createKey(name: "victim", scope: .admin)
        // Fill the server's in-memory key cache.
        #expect(try server.authenticate(token: secret) != nil)

        // The `phoenixd keys revoke` CLI: a second store on the same file.
        let cli = try temp.openStore()
        try cli.revokeKey(id: key.id)

        #expect(try server.authenticate(token: secret) == nil)
    }

    @Test func keyCreatedByAnotherConnectionAuthenticatesAtOnce() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        _ = try server.createKey(name: "first", scope: .read)
        #expect(try server.authenticate(token: "phx_nothing") == nil)

        let (key, secret) = try temp.openStore().createKey(name: "from cli", scope: .admin)

        #expect(try server.authenticate(token: secret)?.id == key.id)
    }

    @Test func databaseFileHoldsTheHashButNeverTheSecret() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (_, secret) = try store.createKey(name: "k", scope: .admin)
        _ = try store.authenticate(token: secret)

        var bytes = Data()
        let directory = temp.stateDirectory
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
        }
        let hexSecret = Data(secret.utf8)
        let randomPart = Data(secret.dropFirst(4).utf8)
        let hash = Data(try Crypto.sha256(Array(secret.utf8)))

        #expect(!bytes.isEmpty)
        #expect(bytes.range(of: hexSecret) == nil)
        #expect(bytes.range(of: randomPart) == nil)
        #expect(bytes.range(of: hash) != nil, "the SHA-256 should be what is stored")
    }

    @Test(arguments: ["", String(repeating: "x", count: 65), "tab\there", "new\nline", "bell\u{07}", "rtl\u{202E}"])
    func badKeyNameIsRejectedAsInvalidName(name: String) throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let error = #expect(throws: PhoenixError.self) { try store.createKey(name: name, scope: .read) }
        #expect(error?.code == .invalidField)
        #expect(error?.field == "name")
        #expect(try store.listKeys().isEmpty)
    }

    @Test(arguments: ["a", String(repeating: "é", count: 64), "deploy bot #2 (ci)"])
    func printableKeyNameUpTo64CharactersIsAccepted(name: String) throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        #expect(try store.createKey(name: name, scope: .read).key.name == name)
        #expect(try store.listKeys().map(\.name) == [name])
    }

    @Test func emptyStoreHasNoKeyAndRevokedKeysStillCount() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        #expect(try store.hasAnyKey() == false)
        let (key, _) = try store.createKey(name: "admin", scope: .admin)
        #expect(try store.hasAnyKey())
        try store.revokeKey(id: key.id)
        #expect(try store.hasAnyKey())
    }
}
