@testable import LibvirtDriver
import PhoenixCore
import Testing

@Suite("no request field can inject libvirt XML")
struct XMLInjectionTests {
    @Test(arguments: [
        "evil</name><memory>1</memory><name>x",
        "a'b",
        "a\"b",
        "a&b",
        "UPPER",
        "../etc",
        "",
    ])
    func hostileNamesAreRejectedBeforeLibvirt(name: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        driver.resetCallCounts()
        let error = await #expect(throws: PhoenixError.self) { try await driver.create(CreateSpec(id: 400, name: name)) }
        #expect(error?.code == .invalidField)
        #expect(driver.callCounts.isEmpty)
        await driver.close()
    }

    @Test(arguments: [
        "/tmp/a'/><source file='/etc/shadow'/><x a='",
        "/tmp/a\"/><disk type='block'>",
        "/tmp/a</source></disk><disk><source file='/etc/shadow'/>",
        "/tmp/a&amp;b",
    ])
    func hostileDiskPathsAreStoredLiterally(path: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let created = try await driver.create(CreateSpec(id: 401, name: "paths", fields: ["disks": [["path": .string(path)]]]))
        #expect(created.fields["disks"] == .array([.object(["path": .string(path)])]))
        let xml = try await driver.connection.run { session in
            try session.withDomain(uuid: created.handle) { try session.xml(of: $0) }
        }
        #expect(!xml.contains("/etc/shadow'/>"))
        #expect(xml.components(separatedBy: "<disk ").count == 2)
        await driver.close()
    }

    @Test func hostileKernelCommandLineStaysText() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let cmdline = "console=ttyS0</cmdline></os><devices><hostdev/></devices><os><cmdline>"
        let created = try await driver.create(CreateSpec(id: 402, name: "cmdline", fields: [
            "boot": ["kernel": "/boot/vmlinuz", "cmdline": .string(cmdline)],
        ]))
        let xml = try await driver.connection.run { session in
            try session.withDomain(uuid: created.handle) { try session.xml(of: $0) }
        }
        #expect(!xml.contains("<hostdev"))
        #expect(xml.contains("console=ttyS0&lt;/cmdline&gt;"))
        await driver.close()
    }

    @Test(arguments: ["relative/path", "/tmp/../etc/shadow", "/tmp/a\nb"])
    func invalidDiskPathsAreRejected(path: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let error = await #expect(throws: PhoenixError.self) {
            try await driver.create(CreateSpec(id: 403, name: "bad-path", fields: ["disks": [["path": .string(path)]]]))
        }
        #expect(error?.code == .invalidField)
        #expect(error?.field == "disks[0].path")
        await driver.close()
    }

    @Test func diskWithBothSizeAndPathIsRejected() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let error = await #expect(throws: PhoenixError.self) {
            try await driver.create(CreateSpec(id: 404, name: "both", fields: ["disks": [["size_gb": 1, "path": "/tmp/x"]]]))
        }
        #expect(error?.field == "disks[0]")
        await driver.close()
    }

    @Test func hostileNetworkNameIsRejected() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let error = await #expect(throws: PhoenixError.self) {
            try await driver.create(CreateSpec(id: 405, name: "net", fields: ["network": "x'/><interface type='direct"]))
        }
        #expect(error?.code == .invalidField)
        #expect(error?.field == "network")
        await driver.close()
    }

    @Test func escapingReplacesEveryMarkupCharacter() {
        #expect(XMLEscaping.escape("<a href='x' b=\"y\">&</a>") == "&lt;a href=&apos;x&apos; b=&quot;y&quot;&gt;&amp;&lt;/a&gt;")
    }
}
