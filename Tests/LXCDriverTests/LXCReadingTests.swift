import Foundation
@testable import LXCDriver
import PhoenixCore
import Testing

/// The fork-free ways the driver reads state the C API would fork for.
@Suite("LXC driver reading")
struct LXCReadingTests {
    @Test func fibTrieAddressesMatchWhatTheHostReports() throws {
        // The host's own namespace stands in for a container's: same procfs file, same format.
        let fromProc = IPv4Addresses.of(pid: getpid())
        let ipOutput = LXCSandbox.run("/usr/sbin/ip", ["-o", "-4", "addr", "show"]).output
        let fromIP = ipOutput.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "inet"), index + 1 < words.count else { return nil }
            let address = String(words[index + 1].split(separator: "/")[0])
            return address.hasPrefix("127.") ? nil : address
        }
        #expect(fromProc == Array(Set(fromIP)).sorted())
    }

    @Test(arguments: [("STOPPED", ResourceStatus.stopped), ("STARTING", .starting), ("RUNNING", .running),
                      ("STOPPING", .stopping), ("ABORTING", .stopping), ("FREEZING", .running),
                      ("FROZEN", .paused), ("THAWED", .running), ("garbage", .unknown)])
    func lxcStatesMapToTheSharedVocabulary(state: String, status: ResourceStatus) {
        #expect(ContainerStatus.status(forLXCState: state) == status)
    }

    @Test func numericHandlesAreIdsOnlyInCanonicalForm() {
        #expect(LXCDriver.id(fromHandle: "950") == 950)
        #expect(LXCDriver.id(fromHandle: "0950") == nil)
        #expect(LXCDriver.id(fromHandle: "0") == nil)
        #expect(LXCDriver.id(fromHandle: "web") == nil)
    }

    @Test func containersNotNamedByANumberAreDiscoveredWithoutAnId() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let name = "outside-\(LXCSandbox.idBase())"
        let configFile = sandbox.root + "/outside.conf"
        try "lxc.net.0.type = empty\n".write(toFile: configFile, atomically: true, encoding: .utf8)
        let made = LXCSandbox.run("/usr/bin/lxc-create", ["-P", sandbox.lxcpath, "-n", name, "-t", "busybox", "-f", configFile])
        #expect(made.status == 0)
        let listed = try await sandbox.driver.list()
        #expect(listed.map(\.handle) == [name])
        #expect(listed.first?.id == nil)
        #expect(listed.first?.name == name)
        #expect(listed.first?.status == .stopped)
    }
}
