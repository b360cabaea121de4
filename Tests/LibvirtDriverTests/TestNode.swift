import Foundation
import LibvirtDriver
import PhoenixCore

/// A private copy of a libvirt test-driver node file and drivers opened on it.
///
/// Each connection to a `test:///PATH.xml` URI gets its own state, so every test that
/// builds a driver through here is isolated from the others.
struct TestNode {
    /// The fixtures directory, found from this file's path.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/libvirt")

    /// The temporary directory holding the copy (also the driver's state directory).
    let directory: URL
    /// The node file's path.
    let path: String

    /// Copies `fixtures/libvirt/<name>` to a new temporary directory.
    init(fixture name: String = "node.xml") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("phoenix-libvirt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: target)
        path = target.path
    }

    /// Writes a node file with `count` shut-off domains, each with a Phoenix id in its metadata.
    init(generatedDomains count: Int) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("phoenix-libvirt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var xml = "<node><cpu><mhz>2000</mhz><model>x86_64</model><active>4</active><total>4</total>"
            + "<nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads></cpu><memory>16777216</memory>\n"
        for index in 0..<count {
            let uuid = String(format: "22222222-0000-0000-0000-%012d", index)
            xml += """
                <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\
                <name>vm-\(index)</name><uuid>\(uuid)</uuid>\
                <metadata><phoenix:resource xmlns:phoenix="https://phoenix.dev/xmlns/libvirt/1" id="\(1000 + index)"/></metadata>\
                <memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>\
                <test:runstate>\(index % 2 == 0 ? 5 : 1)</test:runstate></domain>\n
                """
        }
        xml += "</node>\n"
        let target = directory.appendingPathComponent("generated-\(count).xml")
        try xml.write(to: target, atomically: true, encoding: .utf8)
        path = target.path
    }

    /// The libvirt URI of the copy.
    var uri: String { "test://" + path }

    /// A driver on the copy with extra `options`.
    func driver(_ options: [String: JSONValue] = [:]) async throws -> LibvirtDriver {
        var values = options
        values["uri"] = .string(uri)
        let context = DriverContext(kind: .vms, options: DriverOptions(values, path: "kinds.vms.options"),
                                    stateDirectory: directory.path, log: Log(minimumLevel: .error))
        return try await LibvirtDriverFactory.make(context)
    }

    /// Removes the temporary directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// UUIDs of the domains in `fixtures/libvirt/node.xml`.
enum NodeFixture {
    static let web = "11111111-2222-3333-4444-000000000101"
    static let db = "11111111-2222-3333-4444-000000000102"
    static let batch = "11111111-2222-3333-4444-000000000103"
}
