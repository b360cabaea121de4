internal import CLibvirt
@testable import LibvirtDriver
import Foundation

/// Test-only reads through the driver's own choke point.
extension LibvirtSession {
    /// The domain's live XML.
    func xml(of domain: OpaquePointer) throws -> String {
        try string("virDomainGetXMLDesc") { virDomainGetXMLDesc(domain, 0) }
    }

    /// The sorted volume names of a pool.
    func volumeNames(pool name: String) throws -> [String] {
        let pool = try pointer("virStoragePoolLookupByName") { virStoragePoolLookupByName(conn, name) }
        defer { virStoragePoolFree(pool) }
        var volumes: UnsafeMutablePointer<OpaquePointer?>? = nil
        let count = try int("virStoragePoolListAllVolumes") { virStoragePoolListAllVolumes(pool, &volumes, 0) }
        defer {
            for index in 0..<Int(count) { if let volume = volumes?[index] { virStorageVolFree(volume) } }
            free(volumes)
        }
        return (0..<Int(count)).compactMap { index in
            volumes?[index].flatMap { virStorageVolGetName($0) }.map { String(cString: $0) }
        }.sorted()
    }
}
