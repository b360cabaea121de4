import PhoenixTestSupport
import PhoenixCore
import Testing
@testable import PhoenixStore

@Suite("Audit log")
struct AuditTests {
    @Test func entriesComeBackNewestFirstUpToTheLimit() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let (key, _) = try store.createKey(name: "writer", scope: .write)
        let entries = [
            AuditEntry(time: "2025-01-01T00:00:01Z", keyID: key.id, method: "POST", path: "/api/v1/vms", status: 201),
            AuditEntry(time: "2025-01-01T00:00:02Z", keyID: nil, method: "DELETE", path: "/api/v1/vms/100", status: 401),
            AuditEntry(time: "2025-01-01T00:00:03Z", keyID: key.id, method: "PUT", path: "/api/v1/vms/100", status: 200),
        ]
        for entry in entries { store.record(entry) }

        #expect(try store.auditEntries(limit: 10) == entries.reversed())
        #expect(try store.auditEntries(limit: 2) == Array(entries.reversed().prefix(2)))
        #expect(try store.auditEntries(limit: 0) == [])
    }

    @Test func entryThatCannotBeStoredIsDroppedWithoutThrowing() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        // key_id references api_keys: an unknown key violates the foreign key.
        store.record(AuditEntry(time: "t", keyID: 9_999, method: "POST", path: "/x", status: 201))
        #expect(try store.auditEntries(limit: 10) == [])
    }
}
