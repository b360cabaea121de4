import Foundation
@testable import LibvirtDriver
import PhoenixCore
import Testing

extension RealQEMUTests {
    @Test func driverRecoversFromALibvirtdRestartAndFailsFastDuringTheOutage() async throws {
        let driver = try await RealHypervisor.driver(stateDirectory: state.path)
        defer { RealHypervisor.removeDomains(prefix: prefix); state.remove() }
        let created = try await driver.create(CreateSpec(id: 940, name: "\(prefix)-restart", fields: ["memory_mb": 64]))
        #expect(try await driver.list().contains { $0.handle == created.handle })

        let pid = try #require(RealHypervisor.libvirtdPID())
        kill(pid, SIGTERM)
        let clock = ContinuousClock()
        let stopDeadline = clock.now + .seconds(10)
        while kill(pid, 0) == 0 && clock.now < stopDeadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(kill(pid, 0) != 0, "libvirtd did not exit")

        for _ in 0..<3 {
            let start = clock.now
            let error = await #expect(throws: PhoenixError.self) { try await driver.list() }
            #expect(error?.code == .backendUnavailable)
            #expect(clock.now - start < .seconds(15), "a dead daemon must fail the call, not hang it until keepalive (~20 s) gives up")
        }

        try RealHypervisor.setUp()
        let recoverDeadline = clock.now + .seconds(10)
        var recovered: [DriverResource]?
        while recovered == nil && clock.now < recoverDeadline {
            recovered = try? await driver.list()
            if recovered == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let resources = try #require(recovered, "the driver did not reconnect within 10 s")
        #expect(resources.first { $0.handle == created.handle }?.id == 940)
        let fetched = try await driver.get(handle: created.handle)
        #expect(fetched.name == "\(prefix)-restart")
        try await driver.delete(handle: created.handle, force: true)
        await driver.close()
    }
}
