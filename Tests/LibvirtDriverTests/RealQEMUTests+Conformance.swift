import Foundation
import PhoenixCore
import PhoenixDriverKit
import Testing

extension RealQEMUTests {
    @Test func libvirtDriverPassesEveryCheckOnRealQEMU() async throws {
        // 64 MiB per domain keeps the concurrency checks' parallel domains small.
        let driver = try await RealHypervisor.driver(stateDirectory: state.path, options: ["default_memory_mb": 64])
        defer { RealHypervisor.removeDomains(prefix: "phx-conf-"); state.remove() }
        let hooks = ConformanceHooks(
            createExternal: { name in
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).xml").path
                defer { try? FileManager.default.removeItem(atPath: file) }
                try """
                    <domain type='qemu'><name>\(name)</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os></domain>
                    """.write(toFile: file, atomically: true, encoding: .utf8)
                let defined = try RealHypervisor.run("/usr/bin/virsh", ["-c", "qemu:///system", "define", file])
                guard defined.status == 0 else { throw PhoenixError(.backendFailure, defined.text) }
                let uuid = try RealHypervisor.run("/usr/bin/virsh", ["-c", "qemu:///system", "domuuid", name])
                return uuid.text.trimmingCharacters(in: .whitespacesAndNewlines)
            },
            removeExternal: { handle in
                _ = try RealHypervisor.run("/usr/bin/virsh", ["-c", "qemu:///system", "undefine", handle])
            })
        let configuration = ConformanceConfiguration(concurrency: 4, operationTimeout: .seconds(60),
                                                     settleTimeout: .seconds(30), hooks: hooks)
        let report = try await ConformanceSuite(driver: driver, configuration: configuration).run()
        #expect(report.failedNames == [], "\(report.lines.joined(separator: "\n"))")
        #expect(Set(report.skippedNames).isSubset(of: ["undeclared-operations-unsupported", "create-rejects-missing-required"]),
                "\(report.lines.joined(separator: "\n"))")
        #expect(report.cleanupProblems == [])
        await driver.close()
    }
}
