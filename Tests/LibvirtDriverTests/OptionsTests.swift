@testable import LibvirtDriver
import PhoenixCore
import Testing

@Suite("libvirt driver options")
struct OptionsTests {
    @Test func defaultsApplyWhenNoOptionsAreGiven() throws {
        let options = try LibvirtOptions(DriverOptions(), stateDirectory: "/var/lib/phoenix")
        #expect(options.uri == "qemu:///system")
        #expect(options.storagePool == "default")
        #expect(options.shutdownGrace == .seconds(30))
        #expect(options.defaultMemoryMB == 512)
        #expect(options.defaultVcpus == 1)
        #expect(options.domainType == (LibvirtOptions.kvmUsable() ? "kvm" : "qemu"))
    }

    @Test func testURIsUseTheTestDomainType() throws {
        let options = try LibvirtOptions(DriverOptions(["uri": "test:///default", "domain_type": "kvm"]), stateDirectory: "/tmp")
        #expect(options.domainType == "test")
    }

    @Test(arguments: [
        (["colour": JSONValue.string("blue")], "kinds.vms.options.colour"),
        (["domain_type": "xen"], "kinds.vms.options.domain_type"),
        (["uri": 5], "kinds.vms.options.uri"),
        (["shutdown_grace_s": -1], "kinds.vms.options.shutdown_grace_s"),
        (["default_memory_mb": 8], "kinds.vms.options.default_memory_mb"),
        (["default_vcpus": 65], "kinds.vms.options.default_vcpus"),
        (["storage_pool": "Bad Pool"], "kinds.vms.options.storage_pool"),
    ])
    func badOptionsAreInvalidConfigNamingThePath(values: [String: JSONValue], path: String) {
        let error = #expect(throws: PhoenixError.self) {
            try LibvirtOptions(DriverOptions(values, path: "kinds.vms.options"), stateDirectory: "/tmp")
        }
        #expect(error?.code == .invalidConfig)
        #expect(error?.field == path)
    }

    @Test func factoryRefusesKindsOtherThanVms() async {
        let context = DriverContext(kind: .containers, options: DriverOptions(["uri": "test:///default"]), stateDirectory: "/tmp")
        let error = await #expect(throws: PhoenixError.self) { try await LibvirtDriverFactory.make(context) }
        #expect(error?.code == .invalidConfig)
        #expect(LibvirtDriverFactory.factory.name == "libvirt")
        #expect(LibvirtDriverFactory.factory.kinds == [.vms])
    }

    @Test func defaultOptionsBecomeCreateDefaults() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver(["default_memory_mb": 96, "default_vcpus": 3])
        #expect(driver.capabilities.field("memory_mb")?.defaultValue == .int(96))
        let created = try await driver.create(CreateSpec(id: 500, name: "defaults"))
        #expect(created.fields["memory_mb"] == .int(96))
        #expect(created.fields["vcpus"] == .int(3))
        await driver.close()
    }
}
