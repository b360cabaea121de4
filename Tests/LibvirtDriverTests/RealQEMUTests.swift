import Foundation
@testable import LibvirtDriver
import PhoenixCore
import PhoenixTestSupport
import Testing

/// Tests against the real libvirtd and QEMU/KVM. Serialized: one of them restarts libvirtd.
@Suite("libvirt driver on real QEMU", .serialized, .enabled(if: RealHypervisor.enabled, "needs root or PHOENIX_REAL_BACKENDS=1"))
struct RealQEMUTests {
    let prefix = RealHypervisor.uniquePrefix()
    let state: TemporaryDirectory

    init() throws {
        try RealHypervisor.setUp()
        state = try TemporaryDirectory(prefix: "phoenix-libvirt-state")
    }

    @Test func diskless64MiBDomainGoesThroughEveryStatusAndVirshAgrees() async throws {
        let driver = try await RealHypervisor.driver(stateDirectory: state.path)
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        let name = "\(prefix)-cycle"

        let created = try await driver.create(CreateSpec(id: 900, name: name, fields: ["vcpus": 1, "memory_mb": 64]))
        #expect(created.status == .stopped)
        #expect(created.fields["memory_mb"] == .int(64))
        #expect(try RealHypervisor.domstate(name) == "shut off")

        let steps: [(ResourceStatus, String)] = [(.running, "running"), (.paused, "paused"), (.running, "running"),
                                                 (.stopped, "shut off")]
        for (target, virsh) in steps {
            let clock = ContinuousClock()
            let start = clock.now
            let updated = try await driver.update(handle: created.handle, change: ResourceChange(status: target))
            #expect(updated.status == target)
            #expect(try RealHypervisor.domstate(name) == virsh, "after \(target)")
            if target == .stopped {
                // No guest OS answers ACPI: the 1 s grace runs out and the domain is destroyed.
                #expect(clock.now - start >= .seconds(1))
                #expect(clock.now - start < .seconds(10))
            }
        }
        let listed = try await driver.list().first { $0.handle == created.handle }
        #expect(listed?.id == 900)
        #expect(listed?.name == name)

        try await driver.delete(handle: created.handle, force: false)
        #expect(try RealHypervisor.domstate(name) == nil)
        await driver.close()
    }

    @Test func deleteRunningDomainNeedsForceAndThenDestroysIt() async throws {
        let driver = try await RealHypervisor.driver(stateDirectory: state.path)
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        let name = "\(prefix)-force"
        let created = try await driver.create(CreateSpec(id: 901, name: name, status: .running,
                                                         fields: ["memory_mb": 64]))
        #expect(try RealHypervisor.domstate(name) == "running")
        let error = await #expect(throws: PhoenixError.self) { try await driver.delete(handle: created.handle, force: false) }
        #expect(error?.code == .resourceRunning)
        #expect(try RealHypervisor.domstate(name) == "running")
        try await driver.delete(handle: created.handle, force: true)
        #expect(try RealHypervisor.domstate(name) == nil)
        await driver.close()
    }

    @Test func listCostDoesNotGrowWithTheNumberOfDomains() async throws {
        let driver = try await RealHypervisor.driver(stateDirectory: state.path)
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        var costs: [[String: Int]] = []
        for batch in 0..<2 {
            for index in 0..<(batch == 0 ? 1 : 6) {
                _ = try await driver.create(CreateSpec(id: 910 + batch * 10 + index, name: "\(prefix)-n\(batch)-\(index)",
                                                       fields: ["memory_mb": 64]))
            }
            _ = try await driver.list()
            driver.resetCallCounts()
            let listed = try await driver.list()
            #expect(listed.filter { $0.name.hasPrefix(prefix) }.count == (batch == 0 ? 1 : 7))
            costs.append(driver.callCounts)
        }
        #expect(costs[0] == costs[1])
        #expect(costs[1] == ["virConnectGetAllDomainStats": 1, "virConnectListAllDomains": 2])
        await driver.close()
    }

    @Test func diskCreatedBySizeIsRemovedWithTheDomain() async throws {
        let pool = "\(prefix)-pool"
        let driver = try await RealHypervisor.driver(stateDirectory: state.path, options: ["storage_pool": .string(pool)])
        defer {
            RealHypervisor.removeDomains(prefix: prefix)
            _ = try? RealHypervisor.run("/usr/bin/virsh", ["-c", "qemu:///system", "pool-destroy", pool])
            _ = try? RealHypervisor.run("/usr/bin/virsh", ["-c", "qemu:///system", "pool-undefine", pool])
            state.remove()
        }
        let created = try await driver.create(CreateSpec(id: 930, name: "\(prefix)-disk", fields: [
            "memory_mb": 64, "disks": [["size_gb": 1]],
        ]))
        let path = try #require(created.fields["disks"]?.arrayValue?.first?["path"]?.stringValue)
        #expect(path == "\(state.path)/drivers/libvirt/images/\(prefix)-disk-930-disk0.qcow2")
        #expect(FileManager.default.fileExists(atPath: path))
        try await driver.delete(handle: created.handle, force: false)
        #expect(!FileManager.default.fileExists(atPath: path))
        await driver.close()
    }
}
