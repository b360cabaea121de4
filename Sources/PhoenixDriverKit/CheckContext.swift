import PhoenixCore

/// What a check body works with: the driver, its declared capabilities, and helpers that
/// time-limit every call, track every resource made, and turn surprises into failures.
final class CheckContext: Sendable {
    let driver: any ResourceDriver
    let capabilities: DriverCapabilities
    let configuration: ConformanceConfiguration
    let tracker: ResourceTracker
    /// The create fields every resource gets: generated for required fields, then the
    /// configured sample fields.
    let sampleFields: [String: JSONValue]

    init(driver: any ResourceDriver, capabilities: DriverCapabilities, configuration: ConformanceConfiguration,
         tracker: ResourceTracker) {
        self.driver = driver
        self.capabilities = capabilities
        self.configuration = configuration
        self.tracker = tracker
        sampleFields = SampleValues.createFields(for: capabilities.fields, overrides: configuration.sampleFields)
    }

    // MARK: Names and specs

    /// A fresh name belonging to this run.
    func newName() async -> String { await tracker.newName() }

    /// A create spec with a fresh id and name (unless given) and the sample fields.
    func spec(status: ResourceStatus = .stopped, name: String? = nil,
              fields: [String: JSONValue]? = nil) async -> CreateSpec {
        let resolvedName: String
        if let name { resolvedName = name } else { resolvedName = await newName() }
        return CreateSpec(id: await tracker.newID(), name: resolvedName, status: status, fields: fields ?? sampleFields)
    }

    // MARK: Calls

    /// Runs one driver call under the operation timeout; a timeout fails the check.
    func attempt<T: Sendable>(_ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> Result<T, any Error> {
        do {
            return .success(try await withDeadline(configuration.operationTimeout, body))
        } catch let error as DeadlineExceeded {
            throw CheckFailure("\(what) \(error)")
        } catch is CancellationError where Task.isCancelled {
            throw CancellationError()
        } catch {
            return .failure(error)
        }
    }

    /// Runs a driver call that must succeed.
    func succeed<T: Sendable>(_ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        switch try await attempt(what, body) {
        case .success(let value): return value
        case .failure(let error): throw CheckFailure("\(what) failed: \(Self.describe(error))")
        }
    }

    /// Fails unless `result` is a `PhoenixError` with `code`.
    func require<T>(_ result: Result<T, any Error>, _ code: PhoenixError.Code, _ what: String) throws {
        switch result {
        case .success:
            throw CheckFailure("\(what) succeeded; expected PhoenixError '\(code)'")
        case .failure(let error as PhoenixError) where error.code == code:
            return
        case .failure(let error):
            throw CheckFailure("\(what) threw \(Self.describe(error)); expected PhoenixError '\(code)'")
        }
    }

    /// Runs a call that must fail with `code`.
    func expectError<T: Sendable>(_ code: PhoenixError.Code, _ what: String,
                                  _ body: @escaping @Sendable () async throws -> T) async throws {
        try require(try await attempt(what, body), code, what)
    }

    /// How an error reads in a failure reason; says plainly when it is not a `PhoenixError`.
    static func describe(_ error: any Error) -> String {
        if let phoenix = error as? PhoenixError { return "PhoenixError '\(phoenix.code)' (\(phoenix.message))" }
        return "a non-PhoenixError \(type(of: error)) (\(error))"
    }

    // MARK: Resources

    /// Creates through the driver, recording whatever gets made for cleanup.
    func attemptCreate(_ spec: CreateSpec) async throws -> Result<DriverResource, any Error> {
        guard await tracker.beginCreate() else { throw CancellationError() }
        let driver = driver
        do {
            let result = try await attempt("create '\(spec.name)'") { try await driver.create(spec) }
            await tracker.endCreate(try? result.get())
            return result
        } catch {
            await tracker.endCreate(nil)
            throw error
        }
    }

    /// Creates a resource that must be created.
    func create(_ spec: CreateSpec) async throws -> DriverResource {
        switch try await attemptCreate(spec) {
        case .success(let resource): return resource
        case .failure(let error): throw CheckFailure("create '\(spec.name)' failed: \(Self.describe(error))")
        }
    }

    /// Creates a stopped resource and brings it to `status` with declared actions.
    func createResource(in status: ResourceStatus = .stopped, name: String? = nil) async throws -> DriverResource {
        let created = try await create(await spec(name: name))
        return try await bring(created.handle, to: status)
    }

    /// Fails unless a create with `spec` is refused with `code` and leaves nothing behind.
    func expectCreateRejected(_ spec: CreateSpec, _ code: PhoenixError.Code, _ what: String) async throws {
        let before = Set(try await list().map(\.handle))
        let result = try await attemptCreate(spec)
        try require(result, code, what)
        let created = try await list().filter { !before.contains($0.handle) && ($0.name == spec.name || tracker.isOurs($0.name)) }
        if !created.isEmpty {
            throw CheckFailure("\(what) was refused but left \(created.map { "'\($0.name)'" }.joined(separator: ", ")) behind")
        }
    }

    /// Every resource of the kind.
    func list() async throws -> [DriverResource] {
        let driver = driver
        return try await succeed("list") { try await driver.list() }
    }

    /// One resource, which must exist.
    func get(_ handle: String) async throws -> DriverResource {
        let driver = driver
        return try await succeed("get '\(handle)'") { try await driver.get(handle: handle) }
    }

    /// An update that must succeed.
    func update(_ handle: String, _ change: ResourceChange, _ what: String) async throws -> DriverResource {
        let driver = driver
        return try await succeed(what) { try await driver.update(handle: handle, change: change) }
    }

    /// A delete that must succeed; the resource is forgotten by the tracker.
    func delete(_ handle: String, force: Bool, _ what: String) async throws {
        let driver = driver
        try await succeed(what) { try await driver.delete(handle: handle, force: force) }
        await tracker.forget(handle)
    }

    /// Brings a resource to `target` one declared action at a time, checking each step
    /// with `get` (not with `update`'s return value, which a transition check judges).
    @discardableResult
    func bring(_ handle: String, to target: ResourceStatus) async throws -> DriverResource {
        var current = try await get(handle)
        for _ in 0..<3 where current.status != target {
            let step: ResourceStatus = switch (current.status, target) {
            case (.stopped, .paused), (.failed, .paused): .running
            default: target
            }
            _ = try await update(handle, ResourceChange(status: step), "update to \(step.rawValue) from \(current.status.rawValue)")
            current = try await settle(handle, to: step)
        }
        try check(current.status == target, "could not bring '\(current.name)' to \(target.rawValue)")
        return current
    }

    /// Waits while the resource is in a transitional status; fails unless it ends in `target`.
    func settle(_ handle: String, to target: ResourceStatus) async throws -> DriverResource {
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.settleTimeout
        var pause = Duration.milliseconds(20)
        while true {
            let resource = try await get(handle)
            if resource.status == target { return resource }
            let transitional = resource.status == .starting || resource.status == .stopping
            guard transitional, clock.now < deadline else {
                throw CheckFailure("'\(resource.name)' is \(resource.status.rawValue), expected \(target.rawValue)")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }

    /// Fails when the resource differs from `before` (read-only fields aside).
    func expectUnchanged(_ before: DriverResource, after what: String) async throws {
        let now = try await get(before.handle)
        if let difference = difference(before, now) {
            throw CheckFailure("after \(what), the resource changed: \(difference)")
        }
    }

    /// How two reports of a resource differ, ignoring read-only fields (pids, uptimes);
    /// `nil` when they agree.
    func difference(_ expected: DriverResource, _ actual: DriverResource) -> String? {
        var parts: [String] = []
        if expected.handle != actual.handle { parts.append("handle '\(expected.handle)' vs '\(actual.handle)'") }
        if expected.id != actual.id { parts.append("id \(Self.show(expected.id)) vs \(Self.show(actual.id))") }
        if expected.name != actual.name { parts.append("name '\(expected.name)' vs '\(actual.name)'") }
        if expected.status != actual.status { parts.append("status \(expected.status.rawValue) vs \(actual.status.rawValue)") }
        let readOnly = Set(capabilities.fields.filter { $0.access == .readOnly }.map(\.name))
        for key in Set(expected.fields.keys).union(actual.fields.keys).sorted() where !readOnly.contains(key) {
            if expected.fields[key] != actual.fields[key] {
                parts.append("field '\(key)' \(Self.show(expected.fields[key])) vs \(Self.show(actual.fields[key]))")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "nil" }

    /// A JSON value as it would appear in a body, or `absent`.
    static func show(_ value: JSONValue?) -> String { value.map { JSONWriter().string($0) } ?? "absent" }

    /// Fails with `reason` unless `condition` holds.
    func check(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        if !condition { throw CheckFailure(reason()) }
    }
}
