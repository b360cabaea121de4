import PhoenixCore

/// Remembers every resource the suite made so they can all be removed, whether the run
/// ends normally, a check fails half-way, or the user interrupts it.
actor ResourceTracker {
    /// The run's name prefix: configured prefix plus a random token. Every resource the
    /// suite creates has a name starting with it, so a sweep can find ones whose create
    /// returned too late to be recorded.
    let runPrefix: String
    private var handles: [String: String] = [:]
    private var externals: Set<String> = []
    private var usedIDs: Set<Int> = []
    private var counter = 0
    private var inFlight = 0
    private var closed = false

    init(prefix: String) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        runPrefix = prefix + String((0..<6).map { _ in alphabet.randomElement()! }) + "-"
    }

    /// A fresh name for this run.
    func newName() -> String {
        counter += 1
        return "\(runPrefix)\(counter)"
    }

    /// A fresh Phoenix id from a high range no real store hands out early.
    func newID() -> Int {
        var id: Int
        repeat { id = Int.random(in: 900_000_000...999_999_999) } while usedIDs.contains(id)
        usedIDs.insert(id)
        return id
    }

    /// Marks a create as started. Returns false once cleanup has begun, so an interrupted
    /// run makes nothing new.
    func beginCreate() -> Bool {
        guard !closed else { return false }
        inFlight += 1
        return true
    }

    /// Marks a create as finished, recording the resource if one was made.
    func endCreate(_ resource: DriverResource?) {
        inFlight -= 1
        if let resource { handles[resource.handle] = resource.name }
    }

    /// Records a resource under its current handle (after a rename that changed it).
    func record(_ resource: DriverResource) { handles[resource.handle] = resource.name }

    /// Records a resource made through the external hook.
    func trackExternal(_ handle: String) { externals.insert(handle) }

    /// Forgets a resource that is gone.
    func forget(_ handle: String) {
        handles[handle] = nil
        externals.remove(handle)
    }

    /// Whether `name` belongs to this run.
    nonisolated func isOurs(_ name: String) -> Bool { name.hasPrefix(runPrefix) }

    /// Waits (up to `wait`) for creates in flight, then force-deletes everything recorded
    /// and everything whose name carries the run prefix. With `closing`, no create may
    /// start afterwards (the run is over or interrupted).
    /// - Returns: one line per resource that could not be removed.
    func cleanup(driver: any ResourceDriver, hooks: ConformanceHooks, wait: Duration, closing: Bool) async -> [String] {
        if closing { closed = true }
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while inFlight > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        var problems: [String] = []
        for handle in externals.sorted() {
            guard let remove = hooks.removeExternal else { break }
            do { try await remove(handle); externals.remove(handle) } catch where Self.isNotFound(error) {
                externals.remove(handle)
            } catch {
                problems.append("external \(handle): \(error)")
            }
        }
        var targets = handles
        if let listed = try? await withDeadline(wait, { try await driver.list() }) {
            for resource in listed where isOurs(resource.name) { targets[resource.handle] = resource.name }
        }
        for (handle, name) in targets.sorted(by: { $0.key < $1.key }) {
            do {
                try await withDeadline(wait) { try await driver.delete(handle: handle, force: true) }
                handles[handle] = nil
            } catch where Self.isNotFound(error) {
                handles[handle] = nil
            } catch {
                problems.append("\(name) (\(handle)) was not removed: \(error)")
            }
        }
        return problems
    }

    private static func isNotFound(_ error: any Error) -> Bool {
        (error as? PhoenixError)?.code == .notFound
    }
}
