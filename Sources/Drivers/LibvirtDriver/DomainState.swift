internal import CLibvirt
import PhoenixCore

/// Maps libvirt's domain states to the shared status vocabulary.
enum DomainState {
    /// The status for a `virDomainState` and its reason.
    static func status(state: Int32, reason: Int32) -> ResourceStatus {
        switch UInt32(bitPattern: state) {
        case VIR_DOMAIN_RUNNING.rawValue, VIR_DOMAIN_BLOCKED.rawValue: .running
        case VIR_DOMAIN_PAUSED.rawValue, VIR_DOMAIN_PMSUSPENDED.rawValue: .paused
        case VIR_DOMAIN_SHUTDOWN.rawValue: .stopping
        case VIR_DOMAIN_SHUTOFF.rawValue:
            // A guest that crashed or failed to start is reported as failed, not stopped.
            switch UInt32(bitPattern: reason) {
            case VIR_DOMAIN_SHUTOFF_CRASHED.rawValue, VIR_DOMAIN_SHUTOFF_FAILED.rawValue: .failed
            default: .stopped
            }
        case VIR_DOMAIN_CRASHED.rawValue: .failed
        default: .unknown
        }
    }
}

extension LibvirtSession {
    /// The domain's state and reason.
    func state(of domain: OpaquePointer) throws -> (state: Int32, reason: Int32) {
        var state: Int32 = 0
        var reason: Int32 = 0
        try int("virDomainGetState") { virDomainGetState(domain, &state, &reason, 0) }
        return (state, reason)
    }

    /// The domain's status in the shared vocabulary.
    func status(of domain: OpaquePointer) throws -> ResourceStatus {
        let (state, reason) = try state(of: domain)
        return DomainState.status(state: state, reason: reason)
    }
}
