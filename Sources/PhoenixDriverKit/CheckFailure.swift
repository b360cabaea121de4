/// Thrown inside a check to fail it with a reason.
struct CheckFailure: Error, CustomStringConvertible {
    var reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

/// Thrown inside a check to skip it; only for conditions the driver declares or the
/// configuration decides, never to hide a failure.
struct CheckSkip: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
