internal import CMicroHTTPD
import PhoenixCore

/// The libmicrohttpd calls made on one connection: reading the request head and queueing
/// the response. Only used from MHD's thread serving that connection.
enum MHDConnection {
    /// All values of one kind (headers, query arguments) in the order received.
    /// A query argument without `=` has an empty value.
    static func values(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [(name: String, value: String)] {
        var collected: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &collected) { pointer in
            _ = MHD_get_connection_values_n(connection, kind, { cls, _, key, keySize, value, valueSize in
                guard let cls, let key else { return .YES }
                let list = cls.assumingMemoryBound(to: [(name: String, value: String)].self)
                let name = String(decoding: UnsafeRawBufferPointer(start: key, count: keySize), as: UTF8.self)
                let text = value.map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: valueSize), as: UTF8.self)
                } ?? ""
                list.pointee.append((name, text))
                return .YES
            }, pointer)
        }
        return collected
    }

    /// The first value of a header, matched case-insensitively by MHD.
    static func header(_ connection: OpaquePointer, _ name: String) -> String? {
        MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
    }

    /// Queues `response` on the connection; adds `Connection: close` when `closing`.
    /// - Returns: MHD's verdict, to be returned from the access handler.
    static func queue(_ connection: OpaquePointer, _ response: HTTPResponse, closing: Bool) -> MHD_Result {
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                                            .RESPMEM_MUST_COPY)
        }
        guard let created else { return .NO }
        defer { MHD_destroy_response(created) }
        for (name, value) in response.headers {
            // MHD computes Content-Length itself and refuses a second one.
            if name.utf8.count == 14, name.lowercased() == "content-length" { continue }
            _ = MHD_add_response_header(created, name, value)
        }
        if closing { _ = MHD_add_response_header(created, "Connection", "close") }
        return MHD_queue_response(connection, UInt32(clamping: response.status), created)
    }
}
