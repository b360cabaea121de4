@testable import LibvirtDriver
import PhoenixCore
import Testing

@Suite("libvirt driver lifecycle on the test:/// node")
struct FixtureLifecycleTests {
    /// A driver on a private node copy, closed and removed after `body`.
    func withDriver(_ body: (LibvirtDriver, TestNode) async throws -> Void) async throws {
        let node = try TestNode()
        let driver = try await node.driver()
        do {
            try await body(driver, node)
        } catch {
            await driver.close()
            node.remove()
            throw error
        }
        await driver.close()
        node.remove()
    }

    @Test func createDefinesAStoppedDomainWithDefaultsAndMetadataId() async throws {
        try await withDriver { driver, _ in
            let created = try await driver.create(CreateSpec(id: 300, name: "new-vm"))
            #expect(created.status == .stopped)
            #expect(created.id == 300)
            #expect(created.fields["vcpus"] == .int(1))
            #expect(created.fields["memory_mb"] == .int(512))
            #expect(created.fields["autostart"] == .bool(false))
            #expect(created.fields["persistent"] == .bool(true))
            let listed = try await driver.list().first { $0.handle == created.handle }
            #expect(listed?.id == 300)
            #expect(listed?.name == "new-vm")
        }
    }

    @Test func createWithStatusRunningStartsTheDomain() async throws {
        try await withDriver { driver, _ in
            let created = try await driver.create(CreateSpec(id: 301, name: "runner", status: .running,
                                                             fields: ["vcpus": 2, "memory_mb": 128, "autostart": true]))
            #expect(created.status == .running)
            #expect(created.fields["vcpus"] == .int(2))
            #expect(created.fields["memory_mb"] == .int(128))
            #expect(created.fields["autostart"] == .bool(true))
        }
    }

    @Test func createWithATakenNameIsAConflict() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.create(CreateSpec(id: 302, name: "web-1"))
            }
            #expect(error?.code == .conflict)
            #expect(error?.field == "name")
        }
    }

    @Test func everyStatusTransitionReachesItsTarget() async throws {
        try await withDriver { driver, _ in
            let handle = try await driver.create(CreateSpec(id: 303, name: "cycle")).handle
            for target in [ResourceStatus.running, .paused, .running, .stopped, .running, .paused, .stopped] {
                let updated = try await driver.update(handle: handle, change: ResourceChange(status: target))
                #expect(updated.status == target)
                #expect(try await driver.get(handle: handle).status == target)
            }
        }
    }

    @Test func stoppedToPausedIsAnInvalidTransition() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.update(handle: NodeFixture.db, change: ResourceChange(status: .paused))
            }
            #expect(error?.code == .invalidTransition)
        }
    }

    @Test func changingVcpusAndMemoryOfAStoppedDomainAppliesAtOnce() async throws {
        try await withDriver { driver, _ in
            let updated = try await driver.update(handle: NodeFixture.db,
                                                  change: ResourceChange(fields: ["vcpus": 8, "memory_mb": 512]))
            #expect(updated.fields["vcpus"] == .int(8))
            #expect(updated.fields["memory_mb"] == .int(512))
            #expect(updated.fields["pending_restart"] == .bool(false))
            let smaller = try await driver.update(handle: NodeFixture.db, change: ResourceChange(fields: ["vcpus": 1]))
            #expect(smaller.fields["vcpus"] == .int(1))
        }
    }

    @Test func changingMemoryOfARunningDomainIsPendingUntilRestart() async throws {
        try await withDriver { driver, _ in
            let updated = try await driver.update(handle: NodeFixture.web,
                                                  change: ResourceChange(fields: ["memory_mb": 4096]))
            #expect(updated.fields["pending_restart"] == .bool(true))
            #expect(updated.fields["memory_mb"] == .int(1024))
            _ = try await driver.update(handle: NodeFixture.web, change: ResourceChange(status: .stopped))
            let restarted = try await driver.update(handle: NodeFixture.web, change: ResourceChange(status: .running))
            #expect(restarted.fields["memory_mb"] == .int(4096))
            #expect(restarted.fields["pending_restart"] == .bool(false))
        }
    }

    @Test func autostartCanBeSwitchedOnAndOff() async throws {
        try await withDriver { driver, _ in
            let on = try await driver.update(handle: NodeFixture.db, change: ResourceChange(fields: ["autostart": true]))
            #expect(on.fields["autostart"] == .bool(true))
            #expect(try await driver.list().first { $0.handle == NodeFixture.db }?.fields["autostart"] == .bool(true))
            let off = try await driver.update(handle: NodeFixture.db, change: ResourceChange(fields: ["autostart": false]))
            #expect(off.fields["autostart"] == .bool(false))
        }
    }

    @Test func changingACreateOnlyFieldIsRejected() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.update(handle: NodeFixture.db, change: ResourceChange(fields: ["network": "other"]))
            }
            #expect(error?.code == .invalidField)
            #expect(error?.field == "network")
        }
    }

    @Test func renameOfAStoppedDomainKeepsItsHandleAndId() async throws {
        try await withDriver { driver, _ in
            let renamed = try await driver.update(handle: NodeFixture.db, change: ResourceChange(name: "db-2"))
            #expect(renamed.name == "db-2")
            #expect(renamed.handle == NodeFixture.db)
            #expect(renamed.id == 102)
        }
    }

    @Test func renameOfARunningDomainIsAConflict() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.update(handle: NodeFixture.web, change: ResourceChange(name: "web-2"))
            }
            #expect(error?.code == .conflict)
            let unchanged = try await driver.get(handle: NodeFixture.web)
            #expect(unchanged.name == "web-1")
        }
    }

    @Test func renameToATakenNameIsAConflict() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.update(handle: NodeFixture.db, change: ResourceChange(name: "web-1"))
            }
            #expect(error?.code == .conflict)
        }
    }

    @Test func deleteRunningDomainWithoutForceIsRejected() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.delete(handle: NodeFixture.web, force: false)
            }
            #expect(error?.code == .resourceRunning)
            #expect(error?.message.contains("?force=true") == true)
            let still = try await driver.get(handle: NodeFixture.web)
            #expect(still.status == .running)
        }
    }

    @Test func deleteRunningDomainWithForceRemovesIt() async throws {
        try await withDriver { driver, _ in
            try await driver.delete(handle: NodeFixture.web, force: true)
            let error = await #expect(throws: PhoenixError.self) { try await driver.get(handle: NodeFixture.web) }
            #expect(error?.code == .notFound)
            #expect(try await driver.list().map(\.name).sorted() == ["batch-1", "db-1"])
        }
    }

    @Test func deletePausedDomainWithoutForceIsRejected() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.delete(handle: NodeFixture.batch, force: false)
            }
            #expect(error?.code == .resourceRunning)
        }
    }

    @Test func deleteStoppedDomainNeedsNoForce() async throws {
        try await withDriver { driver, _ in
            try await driver.delete(handle: NodeFixture.db, force: false)
            #expect(try await driver.list().contains { $0.handle == NodeFixture.db } == false)
        }
    }

    @Test func deleteRemovesOnlyTheDisksTheDriverCreated() async throws {
        try await withDriver { driver, _ in
            let created = try await driver.create(CreateSpec(id: 304, name: "disky", fields: [
                "disks": [["size_gb": 2], ["path": "/srv/images/keep.img"]],
            ]))
            let disks = try #require(created.fields["disks"]?.arrayValue)
            #expect(disks.count == 2)
            #expect(disks[0] == .object(["path": "/phoenix-test-pool/disky-304-disk0.qcow2"]))
            #expect(disks[1] == .object(["path": "/srv/images/keep.img"]))
            #expect(try await self.volumes(driver) == ["disky-304-disk0.qcow2"])
            try await driver.delete(handle: created.handle, force: false)
            #expect(try await self.volumes(driver) == [])
        }
    }

    @Test func createWithAnUnknownNetworkIsAnInvalidField() async throws {
        try await withDriver { driver, _ in
            let error = await #expect(throws: PhoenixError.self) {
                try await driver.create(CreateSpec(id: 305, name: "netless", fields: ["network": "nowhere"]))
            }
            #expect(error?.code == .invalidField)
            #expect(error?.field == "network")
            let ok = try await driver.create(CreateSpec(id: 306, name: "netted", fields: ["network": "default"]))
            #expect(ok.fields["network"] == .string("default"))
        }
    }

    @Test func createWithKernelBootRecordsKernelAndCmdline() async throws {
        try await withDriver { driver, _ in
            let created = try await driver.create(CreateSpec(id: 307, name: "kernel-boot", fields: [
                "boot": ["kernel": "/boot/vmlinuz", "initrd": "/boot/initrd.img", "cmdline": "console=ttyS0 root=/dev/vda"],
            ]))
            let xml = try await driver.connection.run { session in
                try session.withDomain(uuid: created.handle) { domain in try session.xml(of: domain) }
            }
            #expect(xml.contains("<kernel>/boot/vmlinuz</kernel>"))
            #expect(xml.contains("<initrd>/boot/initrd.img</initrd>"))
            #expect(xml.contains("<cmdline>console=ttyS0 root=/dev/vda</cmdline>"))
        }
    }

    /// The volume names in the fixture's default pool.
    func volumes(_ driver: LibvirtDriver) async throws -> [String] {
        try await driver.connection.run { session in try session.volumeNames(pool: "default") }
    }
}
