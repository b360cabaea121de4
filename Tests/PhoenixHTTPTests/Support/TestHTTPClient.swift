import Foundation
import Glibc

/// A failure of the test client, with the errno where there is one.
enum TestClientError: Error, Equatable {
    case connect(errno: Int32)
    case io(errno: Int32)
    case closedEarly
    case malformed(String)
}

/// A parsed HTTP/1.1 response.
struct TestHTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A tiny blocking HTTP/1.1 client over one TCP connection, so tests control exactly what
/// goes over the wire (keep-alive, chunked bodies, headers without a body).
///
/// Blocking: call it through `onThread` from async tests, never on the cooperative pool.
final class TestHTTPConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (IPv4 or IPv6 literal) with a 10 s receive timeout.
    init(host: String, port: Int) throws {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.connect(errno: errno) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let status: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        if status != 0 {
            let code = errno
            Glibc.close(fd)
            throw TestClientError.connect(errno: code)
        }
    }

    deinit { Glibc.close(fd) }

    /// Writes raw bytes.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw TestClientError.io(errno: errno) }
            offset += written
        }
    }

    /// Writes a request head (with `Host` and, when there is a body, `Content-Length`).
    func sendHead(method: String, path: String, headers: [(String, String)] = [], contentLength: Int? = nil) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let contentLength { head += "Content-Length: \(contentLength)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8))
    }

    /// Sends one request and reads its response.
    func request(_ method: String, _ path: String, headers: [(String, String)] = [],
                 body: [UInt8] = []) throws -> TestHTTPResponse {
        try sendHead(method: method, path: path, headers: headers,
                     contentLength: body.isEmpty && method == "GET" ? nil : body.count)
        try send(body)
        return try readResponse()
    }

    /// Reads one response (Content-Length framed, or until the server closes).
    func readResponse() throws -> TestHTTPResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: separator)?.lowerBound
            if headEnd == nil, try !fill() { throw TestClientError.closedEarly }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestClientError.malformed(head)
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = TestHTTPResponse(status: status, headers: headers, body: [])
        if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            while buffer.count < length {
                if try !fill() { throw TestClientError.closedEarly }
            }
            var complete = response
            complete.body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return complete
        }
        while try fill() {}
        var complete = response
        complete.body = buffer
        buffer = []
        return complete
    }

    /// Whether the server closed the connection (reads until EOF or timeout).
    func isClosedByPeer() -> Bool {
        (try? fill()) == false
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw TestClientError.io(errno: errno) }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}

/// Runs blocking work on its own thread so it never blocks Swift's cooperative pool
/// (which also runs the server's handlers).
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// One request on a fresh connection, off the cooperative pool.
func fetch(_ host: String, _ port: Int, _ method: String, _ path: String,
           headers: [(String, String)] = [], body: [UInt8] = []) async throws -> TestHTTPResponse {
    try await onThread {
        try TestHTTPConnection(host: host, port: port).request(method, path, headers: headers, body: body)
    }
}
