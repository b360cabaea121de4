internal import CLibvirt
@testable import LibvirtDriver
import PhoenixCore
import PhoenixDriverKit
import Testing

/// External-resource hooks that define and undefine domains on the driver's own libvirt
/// connection, behind the driver's API (a `test:///` node is private to its connection,
/// so `virsh` cannot reach it).
enum ConnectionHooks {
    static func make(_ driver: LibvirtDriver) -> ConformanceHooks {
        ConformanceHooks(
            createExternal: { name in
                let xml = """
                    <domain type='test'><name>\(name)</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>\
                    <os><type arch='x86_64'>hvm</type></os></domain>
                    """
                return try await driver.connection.run { session in
                    let domain = try session.pointer("virDomainDefineXML") { virDomainDefineXML(session.conn, xml) }
                    defer { virDomainFree(domain) }
                    return session.uuid(of: domain)
                }
            },
            removeExternal: { handle in
                try await driver.connection.run { session in
                    try session.withDomain(uuid: handle) { domain in
                        try session.int("virDomainUndefine") { virDomainUndefine(domain) }
                    }
                }
            })
    }
}

@Suite("The libvirt driver conforms on the test:/// node")
struct TestDriverConformanceTests {
    @Test func libvirtDriverPassesEveryCheckOnTheTestDriver() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let configuration = ConformanceConfiguration(operationTimeout: .seconds(10), settleTimeout: .seconds(5),
                                                     hooks: ConnectionHooks.make(driver))
        let report = try await ConformanceSuite(driver: driver, configuration: configuration).run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        #expect(Set(report.skippedNames).isSubset(of: ["undeclared-operations-unsupported", "create-rejects-missing-required"]),
                "\(report.lines.joined(separator: "\n"))")
        #expect(report.cleanupProblems == [])
        // The fixture's own domains are untouched.
        #expect(try await driver.list().map(\.name).sorted() == ["batch-1", "db-1", "web-1"])
        await driver.close()
    }
}
