internal import CLXC
import PhoenixCore
import Glibc

/// The one choke point for liblxc errors: the C call and the read of its error state
/// (`errno`, the container's `error_string`/`error_num`) happen here and nowhere else.
///
/// liblxc reports failures as `false`/`-1` and writes the details to its log file (set up
/// by `LXCLibrary.initializeLog`); the client only gets a short message naming the
/// operation, never liblxc's log text.
/// - Parameters:
///   - operation: what was attempted, for the message ("start container 950").
///   - container: the container the call was made on, whose error fields are read.
///   - call: the C call; returns whether it succeeded.
/// - Throws: `PhoenixError` `backendFailure` (or `notFound` when liblxc says ENOENT).
func lxcCall(_ operation: String, container: UnsafeMutablePointer<lxc_container>? = nil,
             _ call: () -> Bool) throws(PhoenixError) {
    errno = 0
    let succeeded = call()
    let savedErrno = errno
    guard !succeeded else { return }
    var detail = ""
    if let container, let text = container.pointee.error_string {
        detail = String(cString: text)
    } else if savedErrno != 0, let text = strerror(savedErrno) {
        detail = String(cString: text)
    }
    if savedErrno == ENOENT, detail.isEmpty {
        throw PhoenixError(.notFound, "liblxc could not \(operation): no such container.")
    }
    let suffix = detail.isEmpty ? "" : " (\(detail))"
    throw PhoenixError(.backendFailure,
                       "liblxc could not \(operation)\(suffix); details are in the driver's lxc log.")
}
