internal import CLibvirt
import PhoenixCore

/// The one mapping from libvirt error numbers to Phoenix error codes.
enum LibvirtErrorMapping {
    /// The Phoenix code for a libvirt error number.
    static func code(for number: Int32) -> PhoenixError.Code {
        switch UInt32(bitPattern: number) {
        case VIR_ERR_NO_DOMAIN.rawValue, VIR_ERR_NO_STORAGE_POOL.rawValue, VIR_ERR_NO_STORAGE_VOL.rawValue,
             VIR_ERR_NO_NETWORK.rawValue, VIR_ERR_NO_DOMAIN_METADATA.rawValue:
            return .notFound
        case VIR_ERR_OPERATION_INVALID.rawValue, VIR_ERR_DOM_EXIST.rawValue, VIR_ERR_STORAGE_VOL_EXIST.rawValue,
             VIR_ERR_STORAGE_POOL_BUILT.rawValue:
            return .conflict
        case VIR_ERR_INVALID_ARG.rawValue, VIR_ERR_XML_ERROR.rawValue, VIR_ERR_XML_DETAIL.rawValue,
             VIR_ERR_CONFIG_UNSUPPORTED.rawValue, VIR_ERR_XML_INVALID_SCHEMA.rawValue:
            return .invalidField
        case VIR_ERR_NO_CONNECT.rawValue, VIR_ERR_INVALID_CONN.rawValue, VIR_ERR_RPC.rawValue,
             VIR_ERR_AUTH_FAILED.rawValue, VIR_ERR_AUTH_UNAVAILABLE.rawValue, VIR_ERR_AUTH_CANCELLED.rawValue:
            return .backendUnavailable
        case VIR_ERR_OPERATION_TIMEOUT.rawValue, VIR_ERR_AGENT_UNRESPONSIVE.rawValue:
            return .timeout
        case VIR_ERR_NO_SUPPORT.rawValue, VIR_ERR_OPERATION_UNSUPPORTED.rawValue:
            return .unsupported
        default:
            return .backendFailure
        }
    }

    /// The error for a failed libvirt call: libvirt's own message, without C details.
    static func error(number: Int32, message: String?, operation: String) -> PhoenixError {
        let code = code(for: number)
        let text = message.map { "libvirt: \($0)" } ?? "libvirt call \(operation) failed (error \(number))."
        return PhoenixError(code, text, underlying: LibvirtCallFailure(operation: operation, number: number))
    }
}

/// The libvirt-level cause of a `PhoenixError`, kept for logs.
struct LibvirtCallFailure: Error, CustomStringConvertible {
    /// The C function that failed.
    var operation: String
    /// libvirt's `virErrorNumber`.
    var number: Int32

    var description: String { "\(operation) failed with virErrorNumber \(number)" }
}
