import FixtureDriver
import PhoenixCore
import Synchronization
import Testing

/// A copy of the fixture driver with one deliberate contract violation, to show the suite
/// catches it. Everything not named by `breakage` is forwarded to a real fixture driver.
final class BrokenDriver: ResourceDriver {
    /// The violations the tests plant.
    enum Breakage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Declares only start/stop and answers an undeclared pause with success, doing nothing.
        case noOpUndeclaredTransition
        /// Deletes a running resource without force.
        case deleteRunningWithoutForce
        /// Throws its own error type instead of `notFound`.
        case nonPhoenixNotFound
        /// Reports success for one of several overlapping creates but keeps nothing.
        case loseConcurrentCreate
        /// Drops unknown create fields instead of rejecting them.
        case acceptUnknownField
        /// Returns `stopped` from the update that starts a stopped resource.
        case wrongStatusAfterStart

        var testDescription: String { rawValue }
    }

    /// A backend-specific error leaking out of a driver.
    struct BackendLookupError: Error {}

    let breakage: Breakage
    let inner: FixtureDriver
    private let creates = Mutex((inFlight: 0, lost: false))

    init(kind: ResourceKind, breakage: Breakage) {
        self.breakage = breakage
        let actions: Set<LifecycleAction> = breakage == .noOpUndeclaredTransition ? [.start, .stop] : Set(LifecycleAction.allCases)
        inner = FixtureDriver(kind: kind, settings: FixtureSettings(actions: actions))
    }

    var capabilities: DriverCapabilities { inner.capabilities }

    func list() async throws -> [DriverResource] { try await inner.list() }

    func get(handle: String) async throws -> DriverResource {
        try await leakingNotFound { try await inner.get(handle: handle) }
    }

    func create(_ spec: CreateSpec) async throws -> DriverResource {
        switch breakage {
        case .acceptUnknownField:
            var spec = spec
            spec.fields = spec.fields.filter { capabilities.field($0.key) != nil }
            return try await inner.create(spec)
        case .loseConcurrentCreate:
            let overlapping = creates.withLock { state in
                state.inFlight += 1
                return state.inFlight > 1
            }
            defer { creates.withLock { $0.inFlight -= 1 } }
            // A short wait makes parallel creates overlap; sequential ones never do.
            try await Task.sleep(for: .milliseconds(20))
            let created = try await inner.create(spec)
            let lose = overlapping && creates.withLock { state in
                defer { state.lost = true }
                return !state.lost
            }
            if lose { try await inner.removeExternal(handle: created.handle) }
            return created
        default:
            return try await inner.create(spec)
        }
    }

    func update(handle: String, change: ResourceChange) async throws -> DriverResource {
        try await leakingNotFound {
            switch breakage {
            case .noOpUndeclaredTransition:
                do {
                    return try await inner.update(handle: handle, change: change)
                } catch let error as PhoenixError where error.code == .unsupported {
                    return try await inner.get(handle: handle)
                }
            case .wrongStatusAfterStart where change.status == .running:
                let before = try await inner.get(handle: handle)
                var updated = try await inner.update(handle: handle, change: change)
                if before.status == .stopped { updated.status = .stopped }
                return updated
            default:
                return try await inner.update(handle: handle, change: change)
            }
        }
    }

    func delete(handle: String, force: Bool) async throws {
        try await leakingNotFound {
            try await inner.delete(handle: handle, force: breakage == .deleteRunningWithoutForce ? true : force)
        }
    }

    private func leakingNotFound<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PhoenixError where error.code == .notFound && breakage == .nonPhoenixNotFound {
            throw BackendLookupError()
        }
    }

    /// The checks each breakage must fail, and only those.
    var expectedFailures: [String] {
        switch breakage {
        case .noOpUndeclaredTransition: ["transition-running-to-paused"]
        case .deleteRunningWithoutForce: ["delete-running-requires-force"]
        case .nonPhoenixNotFound: ["not-found-errors"]
        case .loseConcurrentCreate: ["concurrent-creates"]
        case .acceptUnknownField: ["create-rejects-unknown-field"]
        case .wrongStatusAfterStart: ["transition-stopped-to-running"]
        }
    }
}
