import PhoenixTestSupport
import PhoenixCore
import Testing
@testable import PhoenixStore

@Suite("Reconcile")
struct ReconcileTests {
    @Test func newHandleGetsItsHintWhenFreeElseTheLowestFreeId() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        try store.bind(id: 500, kind: .containers, handle: "taken-by-container")

        let map = try store.reconcile(kind: .vms, observed: [("a", 700), ("b", 500), ("c", nil), ("d", 700)],
                                      since: try store.sequence())

        #expect(map == ["a": 700, "b": 100, "c": 101, "d": 102])
        #expect(try store.handle(for: 700, kind: .vms) == "a")
        #expect(try store.handle(for: 500, kind: .containers) == "taken-by-container")
    }

    @Test func knownHandlesKeepTheirIdsWhateverTheHint() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        try store.bind(id: 123, kind: .vms, handle: "a")
        let map = try store.reconcile(kind: .vms, observed: [("a", 999)], since: try store.sequence())
        #expect(map == ["a": 123])
    }

    @Test func missingHandlesBoundBeforeSinceAreDropped() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        _ = try store.reconcile(kind: .vms, observed: [("a", nil), ("b", nil)], since: try store.sequence())
        _ = try store.reconcile(kind: .containers, observed: [("a", nil)], since: try store.sequence())

        let map = try store.reconcile(kind: .vms, observed: [("a", nil)], since: try store.sequence())

        #expect(map == ["a": 100])
        #expect(try store.handle(for: 101, kind: .vms) == nil)
        #expect(try store.handle(for: 102, kind: .containers) == "a", "other kinds are left alone")
        #expect(try store.reserve(kind: .services, requested: nil) == 101, "the dropped id is free again")
    }

    @Test func bindingMadeDuringTheListIsKept() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        _ = try store.reconcile(kind: .vms, observed: [("old", nil)], since: try store.sequence())
        // A list starts: take the sequence, then a create binds while the backend is listed.
        let since = try store.sequence()
        let id = try store.reserve(kind: .vms, requested: nil)
        try store.bind(id: id, kind: .vms, handle: "fresh")

        let map = try store.reconcile(kind: .vms, observed: [("old", nil)], since: since)

        #expect(map == ["old": 100])
        #expect(try store.handle(for: id, kind: .vms) == "fresh")
    }

    @Test func reservationSurvivesReconcileAndIsClaimedByItsHintForTheSameKind() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let reserved = try store.reserve(kind: .vms, requested: 950)
        let otherKind = try store.reserve(kind: .containers, requested: 960)

        // A list that does not show the resource yet leaves the reservations alone.
        #expect(try store.reconcile(kind: .vms, observed: [], since: try store.sequence()) == [:])
        #expect(throws: PhoenixError.self) { try store.reserve(kind: .vms, requested: 950) }

        // The resource appears (recording id 950) before its create calls bind.
        let map = try store.reconcile(kind: .vms, observed: [("new-vm", 950), ("intruder", 960)],
                                      since: try store.sequence())
        #expect(map["new-vm"] == reserved)
        #expect(map["intruder"] == 100, "960 is reserved for containers")
        // The create's bind then succeeds on the same handle.
        try store.bind(id: reserved, kind: .vms, handle: "new-vm")
        #expect(try store.handle(for: 950, kind: .vms) == "new-vm")
        #expect(try store.handle(for: otherKind, kind: .containers) == nil)
    }

    @Test func reconcileOfAThousandKnownHandlesWritesNothing() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let observed = (0..<1_000).map { (handle: "vm-\($0)", idHint: Optional(1_000 + $0)) }
        let first = try store.reconcile(kind: .vms, observed: observed, since: try store.sequence())
        #expect(first.count == 1_000)
        #expect(first["vm-7"] == 1_007)

        let sequence = try store.sequence()
        let changes = try store.totalChanges()
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<20 {
            #expect(try store.reconcile(kind: .vms, observed: observed, since: sequence) == first)
        }
        let elapsed = clock.now - start

        #expect(try store.totalChanges() == changes)
        #expect(try store.sequence() == sequence)
        // Generous bound (20 calls): catches a write per handle (fsync-bound), not timing noise.
        #expect(elapsed < .seconds(5))
    }

    @Test func reconcileOfKnownHandlesSucceedsWhileAnotherProcessHoldsTheWriteLock() throws {
        let temp = try TemporaryDirectory()
        let store = try PhoenixStore.open(path: temp.path + "/x.db", schemaVersion: Migrations.latest,
                                          busyTimeoutMilliseconds: 200)
        let observed = [(handle: "a", idHint: Int?.none), (handle: "b", idHint: Int?.none)]
        let known = try store.reconcile(kind: .vms, observed: observed, since: try store.sequence())
        let since = try store.sequence()

        let cli = try SQLiteConnection(path: temp.path + "/x.db")
        try cli.execute("BEGIN IMMEDIATE")
        defer { try? cli.execute("ROLLBACK") }

        // Nothing to change, so no write lock is needed: WAL readers are not blocked.
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try store.reconcile(kind: .vms, observed: observed, since: since) == known)
        #expect(clock.now - start < .seconds(4), "it must not have waited out the 5 s busy timeout on the write lock")
        // A change does need the lock and reports the busy database after the timeout.
        let error = #expect(throws: PhoenixError.self) {
            try store.reconcile(kind: .vms, observed: [("c", nil)], since: since)
        }
        #expect(error?.code == .backendUnavailable)
    }

    @Test func duplicateObservedHandleGetsOneId() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let map = try store.reconcile(kind: .services, observed: [("s", nil), ("s", 400)], since: try store.sequence())
        #expect(map == ["s": 100])
        #expect(try store.reserve(kind: .services, requested: nil) == 101)
    }
}
