/// Per-request state kept behind libmicrohttpd's `req_cls` pointer.
///
/// Only libmicrohttpd's thread serving the connection touches it (MHD never runs two
/// callbacks for one connection at once), so it needs no lock; the part shared with the
/// handler task is the `ResponseSlot`.
final class RequestContext {
    let method: String
    let path: String
    let started: ContinuousClock.Instant
    /// The body received so far (dropped once it is over the limit).
    var body: [UInt8] = []
    /// Set once the body (declared or received) is over `maxBodyBytes`.
    var tooLarge = false
    /// Set when the handler was started; the connection is then suspended until it answers.
    var slot: ResponseSlot?
    /// The status queued, for the access log (nil if none was sent).
    var status: Int?
    /// The key id from the response, for the access log.
    var keyID: Int?

    init(method: String, path: String, started: ContinuousClock.Instant) {
        self.method = method
        self.path = path
        self.started = started
    }
}
