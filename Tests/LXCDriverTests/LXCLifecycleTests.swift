import Foundation
import LXCDriver
import PhoenixCore
import Testing

/// Real busybox containers through the driver API, cross-checked with lxc-ls/lxc-info.
@Suite("LXC driver lifecycle on real containers", .serialized)
struct LXCLifecycleTests {
    @Test func templateContainerGoesThroughItsLifecycleAndHostToolsAgree() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let driver = sandbox.driver
        let base = LXCSandbox.idBase()
        let handle = String(base + 1)

        let created = try await driver.create(CreateSpec(id: base + 1, name: "web",
                                                         fields: ["template": "busybox", "memory_mb": 128, "cpus": 1]))
        #expect(created.handle == handle)
        #expect(created.id == base + 1)
        #expect(created.name == "web")
        #expect(created.status == .stopped)
        #expect(created.fields["memory_mb"] == 128)
        #expect(created.fields["cpus"] == 1)
        #expect(created.fields["template"] == "busybox")
        #expect(sandbox.lxcLs() == [handle])
        #expect(sandbox.lxcState(handle) == "STOPPED")

        let running = try await driver.update(handle: handle, change: ResourceChange(status: .running))
        #expect(running.status == .running)
        #expect(sandbox.lxcState(handle) == "RUNNING")
        let pid = try #require(running.fields["pid"]?.intValue)
        #expect(sandbox.lxcPID(handle) == pid)
        #expect(running.fields["ipv4"] == .array([]))

        // A command inside proves it is a real container: its own hostname and its own PID 1.
        let inside = sandbox.attach(handle, ["/bin/sh", "-c", "hostname; cat /proc/1/comm"])
        #expect(inside.status == 0)
        #expect(inside.output.split(separator: "\n").map(String.init) == [handle, "init"])

        #expect(LXCSandbox.memoryLimit(ofPID: pid) == String(128 * 1_048_576))
        let resized = try await driver.update(handle: handle, change: ResourceChange(fields: ["memory_mb": 256]))
        #expect(resized.fields["memory_mb"] == 256)
        #expect(resized.fields["pending_restart"] == false)
        #expect(LXCSandbox.memoryLimit(ofPID: pid) == String(256 * 1_048_576))

        let paused = try await driver.update(handle: handle, change: ResourceChange(status: .paused))
        #expect(paused.status == .paused)
        #expect(sandbox.lxcState(handle) == "FROZEN")
        let resumed = try await driver.update(handle: handle, change: ResourceChange(status: .running))
        #expect(resumed.status == .running)
        #expect(sandbox.lxcState(handle) == "RUNNING")

        let refused = await #expect(throws: PhoenixError.self) {
            try await driver.delete(handle: handle, force: false)
        }
        #expect(refused?.code == .resourceRunning)
        #expect(refused?.message.contains("?force=true") == true)

        let stopped = try await driver.update(handle: handle, change: ResourceChange(status: .stopped))
        #expect(stopped.status == .stopped)
        #expect(stopped.fields["pid"] == .null)
        #expect(sandbox.lxcState(handle) == "STOPPED")
        #expect(LXCSandbox.leftoverCgroups(handle).isEmpty)

        // Clone the stopped container: the copy keeps its limits and records its origin.
        let cloneHandle = String(base + 2)
        let clone = try await driver.create(CreateSpec(id: base + 2, name: "web-copy", fields: ["clone_from": "web"]))
        #expect(clone.handle == cloneHandle)
        #expect(clone.fields["cloned_from"] == "web")
        #expect(clone.fields["template"] == .null)
        #expect(clone.fields["memory_mb"] == 256)
        #expect(sandbox.lxcLs() == [handle, cloneHandle].sorted())
        let cloneRunning = try await driver.update(handle: cloneHandle, change: ResourceChange(status: .running))
        #expect(cloneRunning.status == .running)
        #expect(sandbox.attach(cloneHandle, ["/bin/hostname"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == cloneHandle)

        // Rename changes the API name only; a taken name conflicts.
        let renamed = try await driver.update(handle: cloneHandle, change: ResourceChange(name: "web2"))
        #expect(renamed.name == "web2")
        #expect(renamed.handle == cloneHandle)
        let taken = await #expect(throws: PhoenixError.self) {
            try await driver.update(handle: cloneHandle, change: ResourceChange(name: "web"))
        }
        #expect(taken?.code == .conflict)

        // A fresh driver on the same lxcpath (a lost store) still knows ids and names.
        let again = try LXCDriver(options: LXCDriverOptions(DriverOptions(["lxcpath": .string(sandbox.lxcpath)])),
                                  stateDirectory: sandbox.stateDirectory)
        let listed = try await again.list().sorted { $0.handle < $1.handle }
        #expect(listed.map(\.id) == [base + 1, base + 2])
        #expect(listed.map(\.name) == ["web", "web2"])
        #expect(listed.map(\.status) == [.stopped, .running])

        try await driver.delete(handle: cloneHandle, force: true)
        try await driver.delete(handle: handle, force: false)
        #expect(sandbox.lxcLs().isEmpty)
        #expect(try await driver.list().isEmpty)
        #expect(sandbox.processesUsingLXCPath().isEmpty)
        #expect(LXCSandbox.leftoverCgroups(handle).isEmpty)
        #expect(LXCSandbox.leftoverCgroups(cloneHandle).isEmpty)
        await #expect(throws: PhoenixError.self) { try await driver.get(handle: handle) }
    }

    @Test func createWithStatusRunningStartsAndForceDeleteRemovesEverything() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let id = LXCSandbox.idBase() + 1
        let created = try await sandbox.driver.create(CreateSpec(id: id, name: "quick", status: .running))
        #expect(created.status == .running)
        #expect(sandbox.lxcState(String(id)) == "RUNNING")
        #expect(created.fields["cpus"] == .null)
        try await sandbox.driver.delete(handle: String(id), force: true)
        #expect(sandbox.lxcLs().isEmpty)
        #expect(FileManager.default.fileExists(atPath: sandbox.lxcpath + "/\(id)") == false)
        #expect(LXCSandbox.leftoverCgroups(String(id)).isEmpty)
    }

    @Test func limitChangedOutsideWhileRunningIsReportedAsPendingRestart() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let id = LXCSandbox.idBase() + 1
        let handle = String(id)
        _ = try await sandbox.driver.create(CreateSpec(id: id, name: "pending", status: .running,
                                                       fields: ["memory_mb": 64]))
        // Edit the config behind the driver's back: the cgroup still holds the old limit.
        let configPath = sandbox.lxcpath + "/\(handle)/config"
        let config = try String(contentsOfFile: configPath, encoding: .utf8)
        try config.replacingOccurrences(of: String(64 * 1_048_576), with: String(96 * 1_048_576))
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let pending = try await sandbox.driver.get(handle: handle)
        #expect(pending.fields["memory_mb"] == 96)
        #expect(pending.fields["pending_restart"] == true)
        _ = try await sandbox.driver.update(handle: handle, change: ResourceChange(status: .stopped))
        let restarted = try await sandbox.driver.update(handle: handle, change: ResourceChange(status: .running))
        #expect(restarted.fields["pending_restart"] == false)
        try await sandbox.driver.delete(handle: handle, force: true)
    }

    @Test func localTemplateCopiesAConfiguredRootfs() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let base = LXCSandbox.idBase()
        _ = try await sandbox.driver.create(CreateSpec(id: base + 1, name: "seed"))
        let local = try LXCDriver(options: LXCDriverOptions(DriverOptions([
            "lxcpath": .string(sandbox.lxcpath), "template": "local",
            "local_rootfs": .string(sandbox.lxcpath + "/\(base + 1)/rootfs"),
        ])), stateDirectory: sandbox.stateDirectory)
        let made = try await local.create(CreateSpec(id: base + 2, name: "from-local", status: .running))
        #expect(made.fields["template"] == "local")
        #expect(made.status == .running)
        #expect(sandbox.attach(String(base + 2), ["/bin/hostname"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            == String(base + 2))
        try await local.delete(handle: String(base + 2), force: true)
        try await local.delete(handle: String(base + 1), force: false)
        #expect(sandbox.lxcLs().isEmpty)
    }

    @Test func emptyMonitorCgroupsLeftBehindAreRemoved() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let id = LXCSandbox.idBase() + 1
        let handle = String(id)
        _ = try await sandbox.driver.create(CreateSpec(id: id, name: "tidy"))
        // What an exited monitor leaves: empty lxc.monitor.<name> cgroups in the hierarchies.
        let stale = ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/unified"]
            .filter { FileManager.default.fileExists(atPath: $0) }.map { $0 + "/lxc.monitor.\(handle)" }
        for path in stale { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        #expect(LXCSandbox.leftoverCgroups(handle).count == stale.count)
        let running = try await sandbox.driver.update(handle: handle, change: ResourceChange(status: .running))
        #expect(running.status == .running)
        // The live monitor's own cgroups are in use and survive; the stale ones are gone.
        #expect(sandbox.lxcState(handle) == "RUNNING")
        _ = try await sandbox.driver.update(handle: handle, change: ResourceChange(status: .stopped))
        #expect(LXCSandbox.leftoverCgroups(handle) == [])
        try await sandbox.driver.delete(handle: handle, force: false)
    }
}
