import PhoenixCore

/// A live key as kept in memory for authentication: its record and its secret's SHA-256.
struct CachedKey: Sendable {
    var key: APIKey
    var hash: [UInt8]
}

/// What makes a key name and a secret well-formed.
enum KeyFormat {
    /// Every secret starts with this, so leaked keys are easy to grep for.
    static let prefix = "phx_"
    /// Random bytes per secret (256 bits; the contract asks for at least 128).
    static let randomByteCount = 32

    /// A new secret: the prefix and `randomByteCount` random bytes in lowercase hex.
    static func newSecret() throws(PhoenixError) -> String {
        let bytes = try Crypto.randomBytes(randomByteCount)
        let digits = Array("0123456789abcdef")
        var text = prefix
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }

    /// Checks a key name: 1–64 characters, none of them control, format or separator
    /// characters (which would corrupt logs and terminal output).
    /// - Throws: `PhoenixError` `invalidField("name", …)`.
    static func validate(name: String) throws(PhoenixError) {
        guard (1...64).contains(name.count) else {
            throw PhoenixError.invalidField("name", "A key name must have 1 to 64 characters.")
        }
        for scalar in name.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                throw PhoenixError.invalidField("name", "A key name may only contain printable characters.")
            default:
                continue
            }
        }
    }
}
