import PhoenixTestSupport
import Foundation
import PhoenixCore
import Testing
@testable import PhoenixStore

@Suite("Schema and files")
struct MigrationTests {
    @Test func databaseFromSchemaVersion1OpensWithNewTablesAndOldDataIntact() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path + "/old.db"
        let secret: String
        do {
            let old = try PhoenixStore.open(path: path, schemaVersion: 1)
            #expect(try old.schemaVersion() == 1)
            secret = try old.createKey(name: "from v1", scope: .admin).secret
            try old.bind(id: 321, kind: .vms, handle: "legacy")
            #expect(throws: PhoenixError.self, "v1 has no audit table") {
                try old.auditEntries(limit: 1)
            }
        }

        let store = try PhoenixStore.open(path: path)

        #expect(try store.schemaVersion() == Migrations.latest)
        #expect(try store.authenticate(token: secret)?.name == "from v1")
        #expect(try store.handle(for: 321, kind: .vms) == "legacy")
        store.record(AuditEntry(time: "2025-01-01T00:00:00Z", keyID: 1, method: "POST", path: "/api/v1/vms", status: 201))
        #expect(try store.auditEntries(limit: 10).count == 1)
    }

    @Test func databaseFromANewerPhoenixdIsRefusedWithAClearError() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path + "/future.db"
        _ = try PhoenixStore.open(path: path)
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA user_version = \(Migrations.latest + 1)")

        let error = #expect(throws: PhoenixError.self) { try PhoenixStore.open(path: path) }
        #expect(error?.code == .invalidConfig)
        #expect(error?.message.contains("schema version \(Migrations.latest + 1)") == true)
    }

    @Test func reopeningAtTheLatestVersionChangesNothing() throws {
        let temp = try TemporaryDirectory()
        let (_, secret) = try temp.openStore().createKey(name: "k", scope: .read)
        let again = try temp.openStore()
        #expect(try again.schemaVersion() == Migrations.latest)
        #expect(try again.authenticate(token: secret) != nil)
    }

    @Test func directoryIsCreated0700AndDatabase0600() throws {
        let temp = try TemporaryDirectory()
        let store = try PhoenixStore.open(directory: temp.path + "/nested/state")
        _ = try store.createKey(name: "k", scope: .read)

        let manager = FileManager.default
        let directoryMode = try manager.attributesOfItem(atPath: temp.path + "/nested/state")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        for file in try manager.contentsOfDirectory(atPath: temp.path + "/nested/state") {
            let mode = try manager.attributesOfItem(atPath: temp.path + "/nested/state/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        #expect(store.path == temp.path + "/nested/state/phoenix.db")
    }

    @Test func openPathCreatesThePrivateFileToo() throws {
        let temp = try TemporaryDirectory()
        _ = try PhoenixStore.open(path: temp.path + "/x.db")
        let mode = try FileManager.default.attributesOfItem(atPath: temp.path + "/x.db")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func databaseIsInWALModeWithForeignKeysOn() throws {
        let temp = try TemporaryDirectory()
        _ = try PhoenixStore.open(path: temp.path + "/x.db")
        let db = try SQLiteConnection(path: temp.path + "/x.db")
        #expect(try db.query("PRAGMA journal_mode") { $0.text(0) } == ["wal"])
        #expect(try db.query("PRAGMA foreign_keys") { $0.int(0) } == [1])
    }

    @Test func constraintViolationBecomesConflictWithSQLiteTextOnlyUnderlying() throws {
        let temp = try TemporaryDirectory()
        let db = try SQLiteConnection(path: temp.path + "/x.db")
        try Migrations.migrate(db, path: temp.path + "/x.db")
        try db.run("INSERT INTO resource_ids (id, kind) VALUES (?, ?)", [.int(100), .text("vms")])

        let error = #expect(throws: PhoenixError.self) {
            try db.run("INSERT INTO resource_ids (id, kind) VALUES (?, ?)", [.int(100), .text("vms")])
        }
        #expect(error?.code == .conflict)
        #expect(error?.message.contains("UNIQUE") == false)
        #expect((error?.underlying as? SQLiteError)?.message.contains("UNIQUE") == true)
    }

    @Test func writeLockHeldByAnotherConnectionBecomesBackendUnavailable() throws {
        let temp = try TemporaryDirectory()
        let path = temp.path + "/x.db"
        let store = try PhoenixStore.open(path: path)
        let holder = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 0)
        let waiter = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 50)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }

        let error = #expect(throws: PhoenixError.self) { try waiter.execute("BEGIN IMMEDIATE") }
        #expect(error?.code == .backendUnavailable)
        _ = store
    }

    @Test func sqlErrorBecomesInternalWithAGenericMessage() throws {
        let temp = try TemporaryDirectory()
        let db = try SQLiteConnection(path: temp.path + "/x.db")
        let error = #expect(throws: PhoenixError.self) { try db.run("SELECT * FROM no_such_table") }
        #expect(error?.code == .internalError)
        #expect(error?.message.contains("no_such_table") == false)
        #expect((error?.underlying as? SQLiteError)?.message.contains("no_such_table") == true)
    }
}
