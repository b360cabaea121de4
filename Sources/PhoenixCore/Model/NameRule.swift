/// The one rule for resource names.
///
/// Names reach file paths, libvirt XML and systemd unit names, so they are restricted to
/// lower-case letters, digits, `.` and `-`, start with a letter or digit, are at most 63
/// characters long, and may not contain `..`.
public enum NameRule {
    /// The rule as a regular expression, for documentation and error messages.
    public static let pattern = "^[a-z0-9][a-z0-9.-]{0,62}$"

    /// Whether `name` satisfies the rule.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        guard isAlphanumeric(bytes[0]) else { return false }
        for byte in bytes.dropFirst() where !(isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")) {
            return false
        }
        return !name.contains("..")
    }

    /// Checks `name`, throwing a problem naming `field`.
    /// - Throws: `PhoenixError` `invalidField`.
    public static func validate(_ name: String, field: String = "name") throws {
        guard isValid(name) else {
            throw PhoenixError.invalidField(field, "'\(field)' must match \(pattern) and contain no '..'.")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
