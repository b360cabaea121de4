/// A lifecycle action a driver may support; each moves a resource between two statuses.
public enum LifecycleAction: String, CaseIterable, Sendable, Hashable {
    /// stopped (or failed) → running
    case start
    /// running or paused → stopped
    case stop
    /// running → paused
    case pause
    /// paused → running
    case resume

    /// The action that takes a resource from `current` to the requested `target`.
    ///
    /// - Returns: `nil` when `current == target` (nothing to do).
    /// - Throws: `PhoenixError` `invalidTransition` when no single action gets there
    ///   (for example stopped → paused) or `target` is not requestable.
    public static func needed(from current: ResourceStatus, to target: ResourceStatus) throws -> LifecycleAction? {
        if current == target { return nil }
        switch (current, target) {
        case (.stopped, .running), (.failed, .running), (.unknown, .running): return .start
        case (.running, .stopped), (.paused, .stopped), (.starting, .stopped), (.stopping, .stopped),
             (.failed, .stopped), (.unknown, .stopped):
            return .stop
        case (.running, .paused), (.starting, .paused): return .pause
        case (.paused, .running): return .resume
        default:
            throw PhoenixError(.invalidTransition,
                               "Cannot go from \(current.rawValue) to \(target.rawValue).", field: "status")
        }
    }
}
