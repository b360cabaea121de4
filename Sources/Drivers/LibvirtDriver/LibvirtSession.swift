internal import CLibvirt
import PhoenixCore
import Foundation
import Synchronization

/// One use of an open connection on an executor thread: the error choke point.
///
/// Every libvirt call that can fail goes through `call`, which resets libvirt's per-thread
/// error, makes the call and, on failure, reads `virGetLastError` on the same thread and
/// throws a `PhoenixError`. Purely local accessors (`virDomainGetName`,
/// `virDomainGetUUIDString`, `virTypedParamsGet*`) are not calls to the hypervisor and do
/// not go through it.
struct LibvirtSession {
    /// The connection handle; valid for the session's lifetime.
    let conn: OpaquePointer
    /// Counts calls (for the list's call-cost tests).
    let counter: LibvirtCallCounter

    /// Makes one libvirt call; `failed` says whether its return value means failure.
    /// - Throws: `PhoenixError` mapped from libvirt's last error.
    func call<T>(_ operation: String, _ body: () -> T, failed: (T) -> Bool) throws -> T {
        counter.record(operation)
        virResetLastError()
        let result = body()
        guard failed(result) else { return result }
        guard let error = virGetLastError() else {
            throw LibvirtErrorMapping.error(number: -1, message: nil, operation: operation)
        }
        let message = error.pointee.message.map { String(cString: $0) }
        throw LibvirtErrorMapping.error(number: error.pointee.code, message: message, operation: operation)
    }

    /// A call returning an `int` status; negative means failure.
    @discardableResult
    func int(_ operation: String, _ body: () -> Int32) throws -> Int32 {
        try call(operation, body, failed: { $0 < 0 })
    }

    /// A call returning an object pointer; `nil` means failure.
    func pointer(_ operation: String, _ body: () -> OpaquePointer?) throws -> OpaquePointer {
        try call(operation, body, failed: { $0 == nil })!
    }

    /// A call returning a string libvirt allocated; `nil` means failure. The string is freed.
    func string(_ operation: String, _ body: () -> UnsafeMutablePointer<CChar>?) throws -> String {
        let raw = try call(operation, body, failed: { $0 == nil })!
        defer { free(raw) }
        return String(cString: raw)
    }

    @discardableResult
    /// Looks up a domain by UUID string and runs `work` with it, freeing it afterwards.
    /// - Throws: `notFound` for an unknown or malformed UUID.
    func withDomain<T>(uuid: String, _ work: (OpaquePointer) throws -> T) throws -> T {
        guard DomainUUID.isValid(uuid) else { throw PhoenixError.notFound("VM '\(uuid)'") }
        let domain = try pointer("virDomainLookupByUUIDString") { virDomainLookupByUUIDString(conn, uuid) }
        defer { virDomainFree(domain) }
        return try work(domain)
    }

    /// The domain's UUID string (local accessor, no hypervisor call).
    func uuid(of domain: OpaquePointer) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(VIR_UUID_STRING_BUFLEN)) { buffer in
            buffer.initialize(repeating: 0)
            _ = virDomainGetUUIDString(domain, buffer.baseAddress)
            return String(cString: buffer.baseAddress!)
        }
    }

    /// The domain's name (local accessor, no hypervisor call).
    func name(of domain: OpaquePointer) -> String {
        virDomainGetName(domain).map { String(cString: $0) } ?? ""
    }
}

/// Counts libvirt calls by function name; used by tests to check the list's cost.
final class LibvirtCallCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Records one call.
    func record(_ operation: String) {
        counts.withLock { $0[operation, default: 0] += 1 }
    }

    /// The calls made so far, by function name.
    var snapshot: [String: Int] { counts.withLock { $0 } }

    /// Forgets every count.
    func reset() { counts.withLock { $0 = [:] } }
}

/// UUID string checks, so a malformed handle is a 404 rather than a libvirt argument error.
enum DomainUUID {
    /// Whether `text` is a canonical 36-character UUID string.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) else { return false }
            }
        }
        return true
    }
}
