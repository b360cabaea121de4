import Foundation
public import PhoenixCore

#if canImport(Glibc)
import Glibc
#endif

/// A failure of the test client, with the errno where there is one.
public enum TestClientError: Error, Equatable, Sendable {
    case connect(errno: Int32)
    case io(errno: Int32)
    case closedEarly
    case malformed(String)
}

/// A small HTTP/1.1 client over one real TCP connection, so tests control exactly what goes
/// over the wire (keep-alive, chunked uploads, a head without a body) against a server on
/// loopback.
///
/// The socket calls block. From async tests use `request` (or `fetch`/`onThread`), which run
/// them on a thread of their own: a blocking call on Swift's cooperative pool would starve a
/// server running in the same process.
public final class TestHTTPClient: @unchecked Sendable {
    // Safe to share: the async entry points serialise every socket call on `queue`.
    private let queue = DispatchQueue(label: "phoenix.test-http-client")
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// A received response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Header fields in order, repeats kept.
        public var headers: [(name: String, value: String)]
        /// The body bytes.
        public var body: [UInt8]

        /// The first header named `name`, case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// The body parsed as JSON (`.null` when it is not JSON).
        public var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Connects to `host:port` (an IPv4 or IPv6 literal).
    /// - Throws: `TestClientError.connect` with the errno.
    public init(host: String = "127.0.0.1", port: Int, receiveTimeoutSeconds: Int = 60) throws {
        let isIPv6 = host.contains(":")
        descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestClientError.connect(errno: errno) }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let status: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            status = Self.connect(descriptor, &address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            status = Self.connect(descriptor, &address)
        }
        if status != 0 {
            let code = errno
            Glibc.close(descriptor)
            throw TestClientError.connect(errno: code)
        }
    }

    private static func connect<Address>(_ descriptor: Int32, _ address: inout Address) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Sends one request and reads its response without blocking the caller's thread.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [],
                        body: [UInt8] = []) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.send(method, path, headers: headers, body: body) })
            }
        }
    }

    /// Sends one request and reads its response, blocking the calling thread.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [],
                     body: [UInt8] = []) throws -> Response {
        let framed = !body.isEmpty || method == "POST" || method == "PUT"
        try sendHead(method: method, path: path, headers: headers, contentLength: framed ? body.count : nil)
        try write(body)
        return try readResponse(method: method)
    }

    /// Writes a request head (with `Host` and, when given, `Content-Length`).
    public func sendHead(method: String, path: String, headers: [(String, String)] = [], contentLength: Int? = nil) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let contentLength { head += "Content-Length: \(contentLength)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8))
    }

    /// Writes raw bytes.
    /// - Throws: `TestClientError.io`.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TestClientError.io(errno: errno) }
            offset += sent
        }
    }

    /// Reads one response: `Content-Length` framed, chunked, or until the server closes.
    public func readResponse(method: String = "GET") throws -> Response {
        let headEnd = try fill(until: { $0.firstRange(of: [13, 10, 13, 10])?.lowerBound })
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestClientError.malformed(head) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = Response(status: status, headers: headers, body: [])
        if method == "HEAD" || status == 204 || status == 304 { return response }
        if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            _ = try fill(until: { $0.count >= length ? length : nil })
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunked()
        } else {
            while try fillOnce() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Whether the server closed the connection (reads until EOF or the receive timeout).
    public func isClosedByPeer() -> Bool {
        (try? fillOnce()) == false
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill(until: { $0.firstRange(of: [13, 10])?.lowerBound })
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            buffer.removeFirst(lineEnd + 2)
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw TestClientError.malformed("chunk size '\(sizeText)'")
            }
            _ = try fill(until: { $0.count >= size + 2 ? size : nil })
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    /// Reads until `found` returns an index into the buffer.
    private func fill(until found: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let index = found(buffer) { return index }
            guard try fillOnce() else { throw TestClientError.closedEarly }
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fillOnce() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw TestClientError.io(errno: errno) }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}

/// Runs blocking work on a thread of its own so it never blocks Swift's cooperative pool
/// (which may also run the server's handlers).
public func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// One request on a fresh connection, off the cooperative pool.
public func fetch(_ host: String, _ port: Int, _ method: String, _ path: String,
                  headers: [(String, String)] = [], body: [UInt8] = []) async throws -> TestHTTPClient.Response {
    try await onThread {
        try TestHTTPClient(host: host, port: port).send(method, path, headers: headers, body: body)
    }
}
