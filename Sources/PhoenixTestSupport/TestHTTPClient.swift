import Foundation
public import PhoenixCore

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 client over a real TCP socket, for tests against a server on loopback.
/// One instance is one connection (kept alive across requests).
///
/// The socket calls block, so the `async` methods run them on the client's own queue: a
/// blocking call on Swift's cooperative pool would starve a server running in the same process.
public final class TestHTTPClient: @unchecked Sendable {
    // Safe to share: every socket call goes through `queue`, which is serial.
    private let queue = DispatchQueue(label: "phoenix.test-http-client")
    /// A received response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Header fields, names lower-cased.
        public var headers: [String: String]
        /// The body bytes.
        public var body: [UInt8]
        /// The body parsed as JSON (`.null` when it is not JSON).
        public var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (IPv4 or IPv6 literal).
    public init(host: String = "127.0.0.1", port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else {
            throw PhoenixError(.backendUnavailable, "cannot resolve \(host)")
        }
        defer { freeaddrinfo(info) }
        descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, 0)
        guard descriptor >= 0, connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw PhoenixError(.backendUnavailable, "cannot connect to \(host):\(port): errno \(errno)")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends one request and reads its response without blocking the caller's thread.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.send(method, path, headers: headers, body: body) })
            }
        }
    }

    /// Sends one request and reads its response, blocking the calling thread.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8) + body)
        return try readResponse(method: method)
    }

    /// Sends raw bytes (for malformed-request tests).
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw PhoenixError(.backendUnavailable, "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one response.
    public func readResponse(method: String = "GET") throws -> Response {
        let headEnd = try fill(until: { Self.find([13, 10, 13, 10], in: $0) })
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw PhoenixError(.backendFailure, "bad status line in \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if method != "HEAD", status != 204, status != 304 {
            if let length = headers["content-length"].flatMap(Int.init) {
                _ = try fill(until: { $0.count >= length ? length : nil })
                body = Array(buffer[..<length])
                buffer.removeFirst(length)
            } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
                body = try readChunked()
            }
        }
        return Response(status: status, headers: headers, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill(until: { Self.find([13, 10], in: $0) })
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            buffer.removeFirst(lineEnd + 2)
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw PhoenixError(.backendFailure, "bad chunk size")
            }
            _ = try fill(until: { $0.count >= size + 2 ? size : nil })
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private func fill(until found: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let index = found(buffer) { return index }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw PhoenixError(.backendUnavailable, "connection closed (errno \(errno))") }
            buffer += chunk[..<count]
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
