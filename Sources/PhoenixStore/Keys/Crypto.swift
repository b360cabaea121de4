import PhoenixCore
internal import CCrypto

/// The libcrypto calls Phoenix needs: randomness, SHA-256 and constant-time comparison.
enum Crypto {
    /// The one error choke point for libcrypto: runs a call that returns 1 on success and,
    /// on failure, drains OpenSSL's thread-local error queue in the same place.
    private static func call(_ context: String, _ body: () -> Int32) throws(PhoenixError) {
        guard body() != 1 else { return }
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        throw PhoenixError(.internalError, "A cryptographic operation failed.",
                           underlying: CryptoError(context: context, reasons: reasons))
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    static func randomBytes(_ count: Int) throws(PhoenixError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try call("RAND_bytes") { RAND_bytes(&bytes, Int32(count)) }
        return bytes
    }

    /// The SHA-256 digest of `bytes` (32 bytes).
    static func sha256(_ bytes: [UInt8]) throws(PhoenixError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try call("EVP_Digest(sha256)") {
            bytes.withUnsafeBytes { input in
                EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
            }
        }
        return Array(digest.prefix(Int(length)))
    }

    /// Whether two equal-length byte strings are equal, in time that does not depend on
    /// where they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }
}

/// What OpenSSL reported, kept as `underlying` for logs.
struct CryptoError: Error, Sendable, CustomStringConvertible {
    var context: String
    var reasons: [String]
    var description: String { "\(context) failed: \(reasons.isEmpty ? "no OpenSSL reason" : reasons.joined(separator: "; "))" }
}
