internal import Glibc
import PhoenixCore

/// An IPv4 or IPv6 socket address built from a `ListenAddress`, and read back from a socket.
struct SocketAddress {
    private var storage = sockaddr_storage()

    /// Parses the literal host of `address`; host names other than `localhost` (which
    /// `ListenAddress` already turned into 127.0.0.1) are refused so that the server
    /// never binds something other than what was written.
    /// - Throws: `PhoenixError(.invalidConfig)` when the host is not an IP literal.
    init(_ address: ListenAddress) throws {
        let parsed: Int32
        if address.isIPv6 {
            var inet6 = sockaddr_in6()
            inet6.sin6_family = sa_family_t(AF_INET6)
            inet6.sin6_port = in_port_t(UInt16(address.port).bigEndian)
            parsed = inet_pton(AF_INET6, address.host, &inet6.sin6_addr)
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: inet6) { raw.copyMemory(from: $0) }
            }
        } else {
            var inet4 = sockaddr_in()
            inet4.sin_family = sa_family_t(AF_INET)
            inet4.sin_port = in_port_t(UInt16(address.port).bigEndian)
            parsed = inet_pton(AF_INET, address.host, &inet4.sin_addr)
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: inet4) { raw.copyMemory(from: $0) }
            }
        }
        guard parsed == 1 else {
            throw PhoenixError(.invalidConfig, "The listen host \(address.host) is not an IP address.", field: "listen")
        }
    }

    /// Calls `body` with the address as a `sockaddr` pointer, valid only during the call.
    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>) throws -> T) rethrows -> T {
        try withUnsafeBytes(of: storage) { raw in
            try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self))
        }
    }

    /// The address a socket is bound to (`getsockname`), or nil if it cannot be read.
    static func local(of fd: Int32) -> ListenAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            let inet4 = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self) }
            var addr = inet4.sin_addr
            guard inet_ntop(AF_INET, &addr, &text, socklen_t(text.count)) != nil else { return nil }
            let hostText = decode(text)
            return ListenAddress("\(hostText):\(UInt16(bigEndian: inet4.sin_port))")
        case AF_INET6:
            let inet6 = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self) }
            var addr = inet6.sin6_addr
            guard inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count)) != nil else { return nil }
            let hostText = decode(text)
            return ListenAddress("[\(hostText)]:\(UInt16(bigEndian: inet6.sin6_port))")
        default:
            return nil
        }
    }

    /// The text of a NUL-terminated C buffer.
    private static func decode(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
