import PhoenixTestSupport
import PhoenixCore
import Testing
@testable import PhoenixStore

/// The in-memory index cache behind `reconcile` and `sequence` must never answer with
/// what another connection (another phoenixd, a CLI) has changed since.
@Suite("Index cache across connections")
struct IndexCacheTests {
    /// Reconciles twice: the first call may write (which makes the cache stale by itself);
    /// the second is answered from a freshly loaded cache, which the tests then age.
    private func warm(_ store: PhoenixStore, _ kind: ResourceKind,
                      _ observed: [(handle: String, idHint: Int?)]) throws -> [String: Int] {
        _ = try store.reconcile(kind: kind, observed: observed, since: try store.sequence())
        return try store.reconcile(kind: kind, observed: observed, since: try store.sequence())
    }

    @Test func handleBoundByAnotherConnectionIsServedWithThatIdOnTheNextReconcile() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        let first = try warm(server, .vms, [("vm-a", nil)])

        let other = try temp.openStore()
        try other.bind(id: 777, kind: .vms, handle: "vm-b")

        let next = try server.reconcile(kind: .vms, observed: [("vm-a", nil), ("vm-b", nil)], since: try server.sequence())
        #expect(next == ["vm-a": try #require(first["vm-a"]), "vm-b": 777])
    }

    @Test func idReleasedAndReusedByAnotherConnectionIsNotServedFromTheCache() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        let observed: [(handle: String, idHint: Int?)] = [("ct-a", 300), ("ct-b", 301)]
        #expect(try warm(server, .containers, observed) == ["ct-a": 300, "ct-b": 301])

        // Another process deletes ct-b and gives its id to a new resource of another kind.
        let other = try temp.openStore()
        try other.release(id: 301)
        try other.bind(id: 301, kind: .services, handle: "svc-new")

        let next = try server.reconcile(kind: .containers, observed: observed, since: try server.sequence())
        #expect(next["ct-a"] == 300)
        #expect(next["ct-b"] != 301)
        #expect(try server.handle(for: 301, kind: .services) == "svc-new")
        #expect(try server.handle(for: try #require(next["ct-b"]), kind: .containers) == "ct-b")
    }

    @Test func bindingMadeByAnotherConnectionDuringTheListIsKept() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        _ = try warm(server, .vms, [("vm-a", nil)])

        let since = try server.sequence()
        // While the server's driver lists, another process creates vm-b (not in the list).
        try temp.openStore().bind(id: 500, kind: .vms, handle: "vm-b")
        _ = try server.reconcile(kind: .vms, observed: [("vm-a", nil)], since: since)

        #expect(try server.handle(for: 500, kind: .vms) == "vm-b")
    }

    @Test func handleBoundByAnotherConnectionAndGoneFromTheBackendIsDroppedBySecondListAtTheLatest() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        _ = try warm(server, .vms, [("vm-a", nil)])
        try temp.openStore().bind(id: 500, kind: .vms, handle: "vm-b")

        for _ in 0..<2 {
            _ = try server.reconcile(kind: .vms, observed: [("vm-a", nil)], since: try server.sequence())
        }
        #expect(try server.handle(for: 500, kind: .vms) == nil)
    }

    @Test func sequenceCountsThisConnectionsOwnBindsAtOnce() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        _ = try warm(store, .vms, [("vm-a", nil)])
        let before = try store.sequence()
        try store.bind(id: 450, kind: .vms, handle: "vm-b")
        #expect(try store.sequence() == before + 1)
    }

    @Test func keyRevokedByAnotherConnectionBetweenTwoListsIsRefusedAndTheIndexStillAnswers() throws {
        let temp = try TemporaryDirectory()
        let server = try temp.openStore()
        let (key, secret) = try server.createKey(name: "k", scope: .read)
        #expect(try server.authenticate(token: secret) != nil)
        let first = try warm(server, .vms, [("vm-a", nil)])

        try temp.openStore().revokeKey(id: key.id)

        #expect(try server.authenticate(token: secret) == nil)
        #expect(try server.reconcile(kind: .vms, observed: [("vm-a", nil)], since: try server.sequence()) == first)
    }
}
