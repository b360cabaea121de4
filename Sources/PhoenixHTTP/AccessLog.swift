/// Formats the one access-log line written per request.
///
/// Deliberately takes no headers: the Authorization header (the API key) must never be
/// logged, so the line is built only from what cannot contain it. Built as bytes into one
/// buffer: it runs once per request, and `String` appends cost more than the rest.
enum AccessLog {
    /// `GET /api/v1/vms 200 1.25ms key=3`; status `-` when no response was sent.
    static func line(method: String, path: String, status: Int?, duration: Duration, keyID: Int?) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let hundredths = (micros + 5) / 10
        let fraction = hundredths % 100
        var bytes: [UInt8] = []
        bytes.reserveCapacity(method.utf8.count + path.utf8.count + 40)
        appendPrintable(method, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendPrintable(path, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendNumber(status, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendNumber(Int(hundredths / 100), to: &bytes)
        bytes.append(UInt8(ascii: "."))
        if fraction < 10 { bytes.append(UInt8(ascii: "0")) }
        appendNumber(Int(fraction), to: &bytes)
        bytes.append(contentsOf: "ms key=".utf8)
        appendNumber(keyID, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text with control characters and spaces escaped, so a decoded path such as
    /// `/a%0Afake` cannot forge a second log line or shift the fields.
    static func printable(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendPrintable(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` with every byte ≤ 0x20 and 0x7F as `%XX` (upper-case hex); other
    /// bytes, multi-byte characters included, are copied.
    private static func appendPrintable(_ text: String, to bytes: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                if byte <= 0x20 || byte == 0x7F {
                    bytes.append(UInt8(ascii: "%"))
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0xF)])
                } else {
                    bytes.append(byte)
                }
            }
        }
    }

    /// Appends the decimal digits of `number`, or `-` for nil.
    private static func appendNumber(_ number: Int?, to bytes: inout [UInt8]) {
        guard let number else {
            bytes.append(UInt8(ascii: "-"))
            return
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }
}
