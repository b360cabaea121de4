internal import CLibvirt
import Foundation
import PhoenixCore

/// The storage pool where the driver creates disk images.
struct StoragePool {
    /// The pool name from the options.
    var name: String
    /// Phoenix's state directory; a missing pool is created below it.
    var stateDirectory: String

    /// The directory of a pool the driver creates itself.
    var directory: String { stateDirectory + "/drivers/libvirt/images" }

    /// Creates a qcow2 image and returns its path.
    /// - Throws: `conflict` when the image exists, or the pool's errors.
    func createVolume(name volume: String, sizeGB: Int, session: LibvirtSession) throws -> String {
        let pool = try open(session: session)
        defer { virStoragePoolFree(pool) }
        let xml = """
            <volume><name>\(XMLEscaping.escape(volume))</name><allocation>0</allocation>\
            <capacity unit='GiB'>\(sizeGB)</capacity><target><format type='qcow2'/></target></volume>
            """
        let handle = try session.pointer("virStorageVolCreateXML") { virStorageVolCreateXML(pool, xml, 0) }
        defer { virStorageVolFree(handle) }
        return try session.string("virStorageVolGetPath") { virStorageVolGetPath(handle) }
    }

    /// The running pool, defined (as a directory pool), built and started if needed.
    private func open(session: LibvirtSession) throws -> OpaquePointer {
        let pool: OpaquePointer
        do {
            pool = try session.pointer("virStoragePoolLookupByName") { virStoragePoolLookupByName(session.conn, name) }
        } catch let error as PhoenixError where error.code == .notFound {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let xml = """
                <pool type='dir'><name>\(XMLEscaping.escape(name))</name>\
                <target><path>\(XMLEscaping.escape(directory))</path></target></pool>
                """
            pool = try session.pointer("virStoragePoolDefineXML") { virStoragePoolDefineXML(session.conn, xml, 0) }
            _ = try? session.int("virStoragePoolBuild") { virStoragePoolBuild(pool, 0) }
            _ = try? session.int("virStoragePoolSetAutostart") { virStoragePoolSetAutostart(pool, 1) }
        }
        do {
            if try session.int("virStoragePoolIsActive", { virStoragePoolIsActive(pool) }) != 1 {
                try session.int("virStoragePoolCreate") { virStoragePoolCreate(pool, 0) }
            }
        } catch {
            virStoragePoolFree(pool)
            throw error
        }
        return pool
    }

    /// Deletes images by path; images already gone are skipped, other failures logged.
    static func deleteVolumes(_ paths: [String], session: LibvirtSession, log: Log = Log()) {
        for path in paths {
            do {
                let volume = try session.pointer("virStorageVolLookupByPath") { virStorageVolLookupByPath(session.conn, path) }
                defer { virStorageVolFree(volume) }
                try session.int("virStorageVolDelete") { virStorageVolDelete(volume, 0) }
            } catch let error as PhoenixError where error.code == .notFound {
                continue
            } catch {
                log.warning("could not delete disk image \(path): \(error)")
            }
        }
    }
}
