import Foundation
import LXCDriver
import PhoenixCore
import Testing

/// Names, handles and options that could reach a path or a config line are refused before
/// anything touches the disk.
@Suite("LXC driver input safety")
struct LXCInputSafetyTests {
    static let hostileNames = ["../escape", "a/b", "/abs", "line\nbreak", "lxc.net.0.type=veth", "..", "", "UPPER",
                               "x\u{0}y"]

    @Test(arguments: hostileNames)
    func hostileNameIsRejectedBeforeTheDiskIsTouched(name: String) async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let id = LXCSandbox.idBase() + 1
        let error = await #expect(throws: PhoenixError.self) {
            try await sandbox.driver.create(CreateSpec(id: id, name: name))
        }
        #expect(error?.code == .invalidField)
        #expect(error?.field == "name")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.lxcpath).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/escape"))
    }

    @Test(arguments: hostileNames)
    func hostileCloneSourceIsRejected(source: String) async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let error = await #expect(throws: PhoenixError.self) {
            try await sandbox.driver.create(CreateSpec(id: LXCSandbox.idBase() + 1, name: "ok",
                                                       fields: ["clone_from": .string(source)]))
        }
        #expect(error?.code == .invalidField)
        #expect(error?.field == "clone_from")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.lxcpath).isEmpty)
    }

    @Test(arguments: ["../lxc", "a/b", "1\n2", "..", "/etc"])
    func hostileHandleIsNotFound(handle: String) async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let driver = sandbox.driver
        await #expect(throws: PhoenixError.self) { try await driver.get(handle: handle) }
        let deleteError = await #expect(throws: PhoenixError.self) { try await driver.delete(handle: handle, force: true) }
        #expect(deleteError?.code == .notFound)
        let updateError = await #expect(throws: PhoenixError.self) {
            try await driver.update(handle: handle, change: ResourceChange(status: .running))
        }
        #expect(updateError?.code == .notFound)
        #expect(FileManager.default.fileExists(atPath: "/etc/passwd"))
    }

    @Test func renameToAHostileNameIsRejectedAndTheOldNameKept() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let id = LXCSandbox.idBase() + 1
        _ = try await sandbox.driver.create(CreateSpec(id: id, name: "keep"))
        for name in ["../x", "a\nb", "a/b"] {
            let error = await #expect(throws: PhoenixError.self) {
                try await sandbox.driver.update(handle: String(id), change: ResourceChange(name: name))
            }
            #expect(error?.code == .invalidField)
        }
        #expect(try await sandbox.driver.get(handle: String(id)).name == "keep")
        try await sandbox.driver.delete(handle: String(id), force: true)
    }

    @Test func takenNameOrIdConflicts() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let base = LXCSandbox.idBase()
        _ = try await sandbox.driver.create(CreateSpec(id: base + 1, name: "one"))
        let sameName = await #expect(throws: PhoenixError.self) {
            try await sandbox.driver.create(CreateSpec(id: base + 2, name: "one"))
        }
        #expect(sameName?.code == .conflict)
        let sameID = await #expect(throws: PhoenixError.self) {
            try await sandbox.driver.create(CreateSpec(id: base + 1, name: "two"))
        }
        #expect(sameID?.code == .conflict)
        #expect(sandbox.lxcLs() == [String(base + 1)])
    }

    @Test func templateAndCloneFromTogetherAreRejected() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let error = await #expect(throws: PhoenixError.self) {
            try await sandbox.driver.create(CreateSpec(id: LXCSandbox.idBase() + 1, name: "both",
                                                       fields: ["template": "busybox", "clone_from": "base"]))
        }
        #expect(error?.code == .invalidField)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.lxcpath).isEmpty)
    }
}

@Suite("LXC driver options")
struct LXCOptionsTests {
    @Test(arguments: [
        (["bogus": JSONValue.int(1)], "options.bogus"),
        (["lxcpath": "relative/path"], "options.lxcpath"),
        (["lxcpath": "/var/../etc"], "options.lxcpath"),
        (["bridge": "br0\nlxc.hook.pre-start=/bin/sh"], "options.bridge"),
        (["template": "download"], "options.template"),
        (["template": "local"], "options.local_rootfs"),
        (["default_memory_mb": 1], "options.default_memory_mb"),
        (["shutdown_grace_s": "ten"], "options.shutdown_grace_s"),
        (["clone_from": "../base"], "options.clone_from"),
    ])
    func badOptionIsInvalidConfigNamingIt(options: [String: JSONValue], path: String) throws {
        let error = #expect(throws: PhoenixError.self) { try LXCDriverOptions(DriverOptions(options)) }
        #expect(error?.code == .invalidConfig)
        #expect(error?.field == path)
    }

    @Test func defaultsMatchTheDocumentation() throws {
        let options = try LXCDriverOptions(DriverOptions())
        #expect(options.lxcpath == "/var/lib/lxc")
        #expect(options.template == "busybox")
        #expect(options.network == .empty)
        #expect(options.shutdownGrace == 10)
        #expect(options.helperPath.hasSuffix("/phoenix-lxc-helper"))
    }

    @Test func missingHelperIsInvalidConfig() throws {
        let root = NSTemporaryDirectory() + "phoenix-lxc-opt-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = try LXCDriverOptions(DriverOptions(["lxcpath": .string(root + "/lxc"),
                                                          "helper_path": .string(root + "/nope")]))
        let error = #expect(throws: PhoenixError.self) { try LXCDriver(options: options, stateDirectory: root) }
        #expect(error?.code == .invalidConfig)
        #expect(error?.field == "options.helper_path")
    }

    @Test func factoryServesContainersUnderTheNameLXC() {
        #expect(LXCDriver.factory.name == "lxc")
        #expect(LXCDriver.factory.kinds == [.containers])
    }
}
