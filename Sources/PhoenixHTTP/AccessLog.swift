/// Formats the one access-log line written per request.
///
/// Deliberately takes no headers: the Authorization header (the API key) must never be
/// logged, so the line is built only from what cannot contain it.
enum AccessLog {
    /// `GET /api/v1/vms 200 1.25ms key=3`; status `-` when no response was sent.
    static func line(method: String, path: String, status: Int?, duration: Duration, keyID: Int?) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let hundredths = (micros + 5) / 10
        let fraction = hundredths % 100
        let milliseconds = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)ms"
        let statusText = status.map(String.init) ?? "-"
        let key = keyID.map(String.init) ?? "-"
        return "\(printable(method)) \(printable(path)) \(statusText) \(milliseconds) key=\(key)"
    }

    /// The text with control characters and spaces escaped, so a decoded path such as
    /// `/a%0Afake` cannot forge a second log line or shift the fields.
    static func printable(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += scalar.value < 0x10 ? "%0\(hex)" : "%\(hex)"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
