/// A parsed `host:port` listen address.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host part without brackets (`127.0.0.1`, `::1`).
    public var host: String
    /// The port (0 lets the system pick).
    public var port: Int
    /// Whether `host` is an IPv6 literal.
    public var isIPv6: Bool { host.contains(":") }

    /// Parses `127.0.0.1:8080`, `[::1]:8080` or `localhost:8080` (taken as 127.0.0.1).
    public init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") { return nil }
        }
        guard let port = Int(portPart), (0...65535).contains(port), !hostPart.isEmpty else { return nil }
        host = hostPart == "localhost" ? "127.0.0.1" : String(hostPart)
        self.port = port
    }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
