/// The status vocabulary shared by every driver.
public enum ResourceStatus: String, CaseIterable, Sendable, Hashable {
    case running
    case stopped
    case paused
    case starting
    case stopping
    case failed
    case unknown

    /// The statuses a client may ask for in `POST`/`PUT` (`status` field).
    public static let requestable: [ResourceStatus] = [.running, .stopped, .paused]

    /// Whether a resource in this status counts as active, so deleting it needs `force`.
    public var isActive: Bool {
        switch self {
        case .running, .paused, .starting, .stopping: true
        case .stopped, .failed, .unknown: false
        }
    }
}
