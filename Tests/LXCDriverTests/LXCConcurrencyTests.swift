import Foundation
import LXCDriver
import PhoenixCore
import Testing

/// The fork-free design under load: many creates and starts at once, with reads in between.
@Suite("LXC driver under concurrency")
struct LXCConcurrencyTests {
    @Test(.timeLimit(.minutes(4)))
    func twentyConcurrentCreatesAndStartsNeitherDeadlockNorLeak() async throws {
        let sandbox = try LXCSandbox()
        defer { sandbox.tearDown() }
        let driver = sandbox.driver
        let base = LXCSandbox.idBase()
        let ids = (1...20).map { base + $0 }

        let (created, listsServed) = try await withThrowingTaskGroup(of: DriverResource?.self) { group in
            for id in ids {
                group.addTask {
                    try await driver.create(CreateSpec(id: id, name: "burst-\(id)", status: .running,
                                                       fields: ["memory_mb": 64]))
                }
            }
            // Reads keep being answered while the creates run.
            group.addTask {
                for _ in 0..<20 {
                    _ = try await driver.list()
                    try await Task.sleep(for: .milliseconds(50))
                }
                return nil
            }
            var created: [DriverResource] = []
            var reads = 0
            for try await result in group {
                if let result { created.append(result) } else { reads += 1 }
            }
            return (created, reads)
        }
        #expect(listsServed == 1)
        #expect(created.count == 20)
        #expect(created.allSatisfy { $0.status == .running })
        #expect(sandbox.lxcLs() == ids.map(String.init).sorted())
        #expect(ids.allSatisfy { sandbox.lxcState(String($0)) == "RUNNING" })
        let listed = try await driver.list()
        #expect(Set(listed.compactMap(\.id)) == Set(ids))
        #expect(listed.allSatisfy { $0.fields["pid"]?.intValue != nil })

        // Every helper has exited; what remains are the 20 monitors liblxc daemonized.
        let processes = sandbox.processesUsingLXCPath()
        #expect(processes.filter { $0.contains("phoenix-lxc-helper") }.isEmpty)
        #expect(processes.filter { $0.contains("[lxc monitor]") }.count == 20)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask { try await driver.delete(handle: String(id), force: true) }
            }
            try await group.waitForAll()
        }
        #expect(sandbox.lxcLs().isEmpty)
        #expect(try await driver.list().isEmpty)
        // No helper, monitor or container process survives, and no cgroup is left behind.
        try await Task.sleep(for: .milliseconds(200))
        #expect(sandbox.processesUsingLXCPath() == [])
        #expect(ids.flatMap { LXCSandbox.leftoverCgroups(String($0)) } == [])
    }

    @Test(.timeLimit(.minutes(2)))
    func listIsAnsweredWhileManyStopsWaitForACleanShutdown() async throws {
        // busybox's init takes about 2 s to halt, all of it spent sleeping; six stops at once
        // once occupied every thread a concurrent dispatch queue gets here, and list waited.
        let sandbox = try LXCSandbox(extraOptions: ["shutdown_grace_s": 10])
        defer { sandbox.tearDown() }
        let driver = sandbox.driver
        let base = LXCSandbox.idBase()
        let handles = try await withThrowingTaskGroup(of: String.self) { group in
            for id in (1...6).map({ base + $0 }) {
                group.addTask { try await driver.create(CreateSpec(id: id, name: "halt-\(id)", status: .running)).handle }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let events = EventLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for handle in handles {
                group.addTask {
                    _ = try await driver.update(handle: handle, change: ResourceChange(status: .stopped))
                    await events.add("stopped")
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(300))
                let listed = try await driver.list()
                await events.add("listed \(listed.count)")
            }
            try await group.waitForAll()
        }
        #expect(await events.entries == ["listed 6"] + Array(repeating: "stopped", count: 6))
        #expect(handles.allSatisfy { sandbox.lxcState($0) == "STOPPED" })
    }
}

/// What happened, in the order it happened.
private actor EventLog {
    private(set) var entries: [String] = []
    func add(_ entry: String) { entries.append(entry) }
}
