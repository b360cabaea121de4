internal import CLibvirt
@testable import LibvirtDriver
import PhoenixCore
import Testing

@Suite("libvirt errors map to Phoenix errors through the choke point")
struct ErrorMappingTests {
    /// Runs one raw libvirt call through the driver's choke point and returns what it threw.
    func failure(of operation: String, on node: TestNode,
                 _ body: @escaping @Sendable (LibvirtSession) throws -> Void) async throws -> PhoenixError? {
        let driver = try await node.driver()
        defer { Task { await driver.close() } }
        return await #expect(throws: PhoenixError.self) { try await driver.connection.run(body) }
    }

    @Test func noSuchDomainIsNotFound() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let error = try await failure(of: "lookup", on: node) { session in
            _ = try session.pointer("virDomainLookupByName") { virDomainLookupByName(session.conn, "absent") }
        }
        #expect(error?.code == .notFound)
        #expect(error?.message.hasPrefix("libvirt: ") == true)
        #expect(ProblemMapping.status(for: error!.code) == 404)
    }

    @Test func operationInvalidIsAConflict() async throws {
        let node = try TestNode()
        defer { node.remove() }
        // Renaming a running domain: VIR_ERR_OPERATION_INVALID.
        let error = try await failure(of: "rename", on: node) { session in
            _ = try session.withDomain(uuid: NodeFixture.web) { domain in
                try session.int("virDomainRename") { virDomainRename(domain, "other", 0) }
            }
        }
        #expect(error?.code == .conflict, "\(String(describing: error))")
        #expect(ProblemMapping.status(for: error!.code) == 409)
    }

    @Test func malformedXMLIsAnInvalidField() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let error = try await failure(of: "define", on: node) { session in
            _ = try session.pointer("virDomainDefineXML") { virDomainDefineXML(session.conn, "<domain type='test'><name>x") }
        }
        #expect(error?.code == .invalidField)
        #expect(ProblemMapping.status(for: error!.code) == 400)
    }

    @Test func invalidArgumentIsAnInvalidField() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let error = try await failure(of: "vcpus", on: node) { session in
            _ = try session.withDomain(uuid: NodeFixture.db) { domain in
                try session.int("virDomainSetVcpusFlags") { virDomainSetVcpusFlags(domain, 0, 0) }
            }
        }
        #expect(error?.code == .invalidField)
    }

    @Test func unreachableDaemonIsBackendUnavailableAndFailsFast() async throws {
        let context = DriverContext(kind: .vms,
                                    options: DriverOptions(["uri": "qemu+unix:///system?socket=/nonexistent/libvirt-sock"]),
                                    stateDirectory: "/tmp", log: Log(minimumLevel: .error))
        let driver = try await LibvirtDriverFactory.make(context)
        let clock = ContinuousClock()
        for _ in 0..<3 {
            let start = clock.now
            let error = await #expect(throws: PhoenixError.self) { try await driver.list() }
            #expect(error?.code == .backendUnavailable)
            #expect(ProblemMapping.status(for: error!.code) == 503)
            #expect(clock.now - start < .seconds(15), "a dead daemon must fail the call, not hang it until keepalive (~20 s) gives up")
        }
        await driver.close()
    }

    @Test(arguments: [
        (VIR_ERR_NO_DOMAIN, PhoenixError.Code.notFound),
        (VIR_ERR_NO_STORAGE_VOL, .notFound),
        (VIR_ERR_OPERATION_INVALID, .conflict),
        (VIR_ERR_DOM_EXIST, .conflict),
        (VIR_ERR_INVALID_ARG, .invalidField),
        (VIR_ERR_XML_ERROR, .invalidField),
        (VIR_ERR_XML_DETAIL, .invalidField),
        (VIR_ERR_NO_CONNECT, .backendUnavailable),
        (VIR_ERR_RPC, .backendUnavailable),
        (VIR_ERR_OPERATION_TIMEOUT, .timeout),
        (VIR_ERR_NO_SUPPORT, .unsupported),
        (VIR_ERR_INTERNAL_ERROR, .backendFailure),
    ])
    func everyErrorNumberHasItsCode(number: virErrorNumber, code: PhoenixError.Code) {
        #expect(LibvirtErrorMapping.code(for: Int32(number.rawValue)) == code)
    }
}
