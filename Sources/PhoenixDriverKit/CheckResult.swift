/// How one conformance check ended.
public enum CheckOutcome: Sendable, Hashable {
    /// The driver satisfied the check.
    case passed
    /// The driver violated the contract; the reason says how.
    case failed(reason: String)
    /// The check does not apply to this driver, by its declared capabilities or the
    /// configuration (no backend hook); the reason says which declaration.
    case skipped(reason: String)
}

/// The result of running one named check against a driver.
public struct CheckResult: Sendable, Hashable {
    /// The check's stable name (`delete-running-requires-force`).
    public var name: String
    /// How it ended.
    public var outcome: CheckOutcome
    /// Extra information on a pass (for example "driver records no ids").
    public var note: String?

    /// Creates a result.
    public init(name: String, outcome: CheckOutcome, note: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.note = note
    }

    /// Whether the check passed.
    public var isPassed: Bool { outcome == .passed }

    /// Whether the check failed.
    public var isFailed: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// Whether the check was skipped.
    public var isSkipped: Bool {
        if case .skipped = outcome { return true }
        return false
    }

    /// One report line: `PASS name`, `FAIL name: reason`, `SKIP name: reason`.
    public var line: String {
        switch outcome {
        case .passed: note.map { "PASS \(name) (\($0))" } ?? "PASS \(name)"
        case .failed(let reason): "FAIL \(name): \(reason)"
        case .skipped(let reason): "SKIP \(name): \(reason)"
        }
    }
}
