import PhoenixCore

/// Hands out the lowest free ids ≥ 100 given the ids already in use (by any kind).
struct IDAllocator {
    /// Ids the API accepts: 1 through 999 999 999, like Proxmox VMIDs but wider.
    static let validIDs = 1...999_999_999
    /// Where automatic allocation starts; ids below are only ever given on request.
    static let firstAutomaticID = 100

    private var taken: Set<Int>
    private var cursor = IDAllocator.firstAutomaticID

    init(taken: Set<Int>) { self.taken = taken }

    /// Whether `id` is unused.
    func isFree(_ id: Int) -> Bool { !taken.contains(id) }

    /// Marks `id` as used.
    mutating func claim(_ id: Int) { taken.insert(id) }

    /// The lowest free id ≥ 100, now marked as used.
    /// - Throws: `PhoenixError` `conflict` if every id is taken.
    mutating func next() throws(PhoenixError) -> Int {
        // Ids below the cursor were all taken when we passed them and never free up during
        // one allocator's life, so the scan is linear over one reconcile.
        while taken.contains(cursor) { cursor += 1 }
        guard cursor <= Self.validIDs.upperBound else { throw PhoenixError(.conflict, "No free id is left.") }
        taken.insert(cursor)
        return cursor
    }

    /// Checks an id given by a client.
    /// - Throws: `PhoenixError` `invalidField("id", …)` when out of range.
    static func validate(_ id: Int) throws(PhoenixError) {
        guard validIDs.contains(id) else {
            throw PhoenixError.invalidField("id", "An id must be between 1 and \(validIDs.upperBound).")
        }
    }
}
