public import PhoenixCore

/// Maps liblxc states to the shared status vocabulary.
public enum ContainerStatus {
    /// The status for a liblxc state name.
    ///
    /// FREEZING counts as running: processes still run until the freezer reports FROZEN
    /// (our own freeze waits for that), and `pause` from it is still meaningful. THAWED is
    /// a transient name for a running container. ABORTING is a failed start on its way down.
    public static func status(forLXCState state: String) -> ResourceStatus {
        switch state {
        case "STOPPED": .stopped
        case "STARTING": .starting
        case "RUNNING", "THAWED", "FREEZING": .running
        case "STOPPING", "ABORTING": .stopping
        case "FROZEN": .paused
        default: .unknown
        }
    }
}
