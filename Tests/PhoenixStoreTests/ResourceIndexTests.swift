import PhoenixTestSupport
import PhoenixCore
import Testing
@testable import PhoenixStore

@Suite("Resource index")
struct ResourceIndexTests {
    @Test func reserveGivesLowestFreeIdFrom100AcrossAllKinds() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()

        #expect(try store.reserve(kind: .containers, requested: nil) == 100)
        #expect(try store.reserve(kind: .vms, requested: nil) == 101)
        #expect(try store.reserve(kind: .services, requested: 103) == 103)
        #expect(try store.reserve(kind: .services, requested: 5) == 5)
        #expect(try store.reserve(kind: .containers, requested: nil) == 102)
        #expect(try store.reserve(kind: .vms, requested: nil) == 104)
        try store.release(id: 101)
        #expect(try store.reserve(kind: .containers, requested: nil) == 101)
    }

    @Test func requestedIdTakenByAnyKindIsAConflict() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        _ = try store.reserve(kind: .vms, requested: 950)

        let reserved = #expect(throws: PhoenixError.self) { try store.reserve(kind: .containers, requested: 950) }
        #expect(reserved?.code == .conflict)
        #expect(reserved?.message.contains("id 950 is taken") == true)

        try store.bind(id: 950, kind: .vms, handle: "vm-a")
        let bound = #expect(throws: PhoenixError.self) { try store.reserve(kind: .vms, requested: 950) }
        #expect(bound?.code == .conflict)
    }

    @Test(arguments: [0, -1, 1_000_000_000])
    func idOutsideTheRangeIsAnInvalidIdField(id: Int) throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let reserved = #expect(throws: PhoenixError.self) { try store.reserve(kind: .vms, requested: id) }
        #expect(reserved?.code == .invalidField)
        #expect(reserved?.field == "id")
        let bound = #expect(throws: PhoenixError.self) { try store.bind(id: id, kind: .vms, handle: "h") }
        #expect(bound?.field == "id")
    }

    @Test func rangeEndsAreValidIds() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        #expect(try store.reserve(kind: .vms, requested: 1) == 1)
        #expect(try store.reserve(kind: .vms, requested: 999_999_999) == 999_999_999)
    }

    @Test func boundHandleIsFoundOnlyUnderItsKind() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let id = try store.reserve(kind: .containers, requested: nil)
        #expect(try store.handle(for: id, kind: .containers) == nil, "a reservation has no handle")

        try store.bind(id: id, kind: .containers, handle: "web")

        #expect(try store.handle(for: id, kind: .containers) == "web")
        #expect(try store.handle(for: id, kind: .vms) == nil)
        try store.release(id: id)
        #expect(try store.handle(for: id, kind: .containers) == nil)
    }

    @Test func bindingAHandleAgainReplacesItsOldId() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        try store.bind(id: 300, kind: .vms, handle: "db")
        try store.bind(id: 301, kind: .vms, handle: "db")

        #expect(try store.handle(for: 300, kind: .vms) == nil)
        #expect(try store.handle(for: 301, kind: .vms) == "db")
        #expect(try store.reserve(kind: .vms, requested: 300) == 300, "the old id is free again")
    }

    @Test func bindingAnIdOwnedByAnotherHandleOrKindIsAConflict() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        try store.bind(id: 300, kind: .vms, handle: "db")
        _ = try store.reserve(kind: .services, requested: 400)

        #expect(throws: PhoenixError.self) { try store.bind(id: 300, kind: .vms, handle: "other") }
        #expect(throws: PhoenixError.self) { try store.bind(id: 300, kind: .containers, handle: "db") }
        #expect(throws: PhoenixError.self) { try store.bind(id: 400, kind: .vms, handle: "x") }
        try store.bind(id: 300, kind: .vms, handle: "db")  // rebinding the same handle is fine
        #expect(try store.handle(for: 300, kind: .vms) == "db")
    }

    @Test func fiftyConcurrentReservesGetFiftyDistinctIds() async throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try store.reserve(kind: ResourceKind.allCases[index % 3], requested: nil)
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(ids.count == 50)
        #expect(Set(ids) == Set(100..<150))
    }

    @Test func concurrentReservesFromTwoConnectionsNeverShareAnId() async throws {
        let temp = try TemporaryDirectory()
        let first = try temp.openStore()
        let second = try temp.openStore()
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask { try store.reserve(kind: .vms, requested: nil) }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 40)
    }

    @Test func sequenceGrowsWithEveryBind() throws {
        let temp = try TemporaryDirectory()
        let store = try temp.openStore()
        let start = try store.sequence()
        _ = try store.reserve(kind: .vms, requested: nil)
        #expect(try store.sequence() == start, "a reservation is not a bind")
        try store.bind(id: 100, kind: .vms, handle: "a")
        #expect(try store.sequence() == start + 1)
        _ = try store.reconcile(kind: .vms, observed: [("a", nil), ("b", nil), ("c", nil)], since: start)
        #expect(try store.sequence() == start + 3)
    }
}

@Suite struct ReservationRecoveryTests {
    @Test func reservationsLeftByAnInterruptedCreateAreDroppedAtStart() throws {
        let temp = try TemporaryDirectory()
        let crashed = try temp.openStore()
        let reserved = try crashed.reserve(kind: .vms, requested: 4242)
        let bound = try crashed.reserve(kind: .vms, requested: nil)
        try crashed.bind(id: bound, kind: .vms, handle: "uuid-1")

        let restarted = try temp.openStore()
        #expect(throws: PhoenixError.self) { try restarted.reserve(kind: .vms, requested: reserved) }
        #expect(try restarted.dropReservations() == 1)
        #expect(try restarted.reserve(kind: .vms, requested: reserved) == reserved)
        #expect(try restarted.handle(for: bound, kind: .vms) == "uuid-1")
    }
}
