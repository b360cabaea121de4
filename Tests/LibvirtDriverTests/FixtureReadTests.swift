@testable import LibvirtDriver
import PhoenixCore
import Testing

@Suite("libvirt driver reads the test:/// node")
struct FixtureReadTests {
    @Test func listReportsEveryDomainWithStatusFieldsAndMetadataId() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        defer { Task { await driver.close() } }

        let resources = try await driver.list()
        let byName = Dictionary(uniqueKeysWithValues: resources.map { ($0.name, $0) })
        #expect(byName.keys.sorted() == ["batch-1", "db-1", "web-1"])
        let web = try #require(byName["web-1"])
        #expect(web.handle == NodeFixture.web)
        #expect(web.id == 101)
        #expect(web.status == .running)
        #expect(web.fields["vcpus"] == .int(2))
        #expect(web.fields["memory_mb"] == .int(1024))
        #expect(web.fields["persistent"] == .bool(true))
        #expect(web.fields["autostart"] == .bool(false))
        #expect(web.fields["uuid"] == .string(NodeFixture.web))
        #expect(byName["db-1"]?.status == .stopped)
        #expect(byName["db-1"]?.id == 102)
        #expect(byName["batch-1"]?.status == .paused)
        #expect(byName["batch-1"]?.id == nil)
    }

    @Test func getReportsDisksNetworkAndPendingRestart() async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()

        let web = try await driver.get(handle: NodeFixture.web)
        #expect(web.name == "web-1")
        #expect(web.id == 101)
        #expect(web.fields["disks"] == .array([.object(["path": .string("/var/lib/images/web-1.img")])]))
        #expect(web.fields["network"] == .string("default"))
        #expect(web.fields["pending_restart"] == .bool(false))
        await driver.close()
    }

    @Test(arguments: ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "", "../../etc/passwd"])
    func getOfUnknownOrMalformedHandleIsNotFound(handle: String) async throws {
        let node = try TestNode()
        defer { node.remove() }
        let driver = try await node.driver()
        let error = await #expect(throws: PhoenixError.self) { try await driver.get(handle: handle) }
        #expect(error?.code == .notFound)
        await driver.close()
    }

    @Test func listOfThousandDomainsCostsAConstantNumberOfBulkCalls() async throws {
        var costs: [Int: [String: Int]] = [:]
        for count in [10, 1000] {
            let node = try TestNode(generatedDomains: count)
            defer { node.remove() }
            let driver = try await node.driver()
            let first = try await driver.list()
            #expect(first.count == count)
            #expect(first.allSatisfy { $0.id == 1000 + Int($0.name.dropFirst(3))! })
            driver.resetCallCounts()
            let second = try await driver.list()
            #expect(second.count == count)
            costs[count] = driver.callCounts
            await driver.close()
        }
        let small = try #require(costs[10])
        let large = try #require(costs[1000])
        // The bulk calls do not grow with the number of domains.
        for bulk in ["virConnectGetAllDomainStats", "virConnectListAllDomains"] {
            #expect(small[bulk] == large[bulk], "\(bulk): \(small) vs \(large)")
        }
        #expect(large["virConnectGetAllDomainStats"] == 1)
        #expect(large["virConnectListAllDomains"] == 2)
        // Ids, disks and networks come from the cache once seen: no XML read per domain.
        #expect(large["virDomainGetXMLDesc"] == nil)
        // The test driver's stats carry only the state; its per-domain info fallback is an
        // in-process function call. Real QEMU lists need none (see RealQEMUTests).
        #expect(large["virDomainGetInfo"] == 1000)
    }

    @Test func firstListReadsEachUnseenDomainsIdOnce() async throws {
        let node = try TestNode(generatedDomains: 100)
        defer { node.remove() }
        let driver = try await node.driver()
        _ = try await driver.list()
        #expect(driver.callCounts["virDomainGetXMLDesc"] == 100)
        driver.resetCallCounts()
        _ = try await driver.list()
        #expect(driver.callCounts["virDomainGetXMLDesc"] == nil)
        await driver.close()
    }
}
