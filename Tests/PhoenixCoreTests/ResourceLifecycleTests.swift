import FixtureDriver
import PhoenixCore
import Testing

@Suite("Every endpoint for every kind through the fixture driver")
struct ResourceLifecycleTests {
    @Test(arguments: ResourceKind.allCases)
    func createGetUpdateDeleteRoundTrip(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        let created = await api.call("POST", base, json: sampleBody(kind, name: "demo-1"))
        #expect(created.status == 201)
        let id = try #require(created.json["id"]?.intValue)
        #expect(created.header("Location") == "\(base)/\(id)")
        #expect(created.json["name"] == "demo-1")
        #expect(created.json["status"] == "stopped")

        let fetched = await api.call("GET", "\(base)/\(id)")
        #expect(fetched.status == 200)
        #expect(fetched.json == created.json)
        #expect(await api.list(kind).arrayValue?.contains(created.json) == true)

        let renamed = await api.call("PUT", "\(base)/\(id)", json: ["name": "demo-renamed"])
        #expect(renamed.status == 200)
        #expect(renamed.json["name"] == "demo-renamed")

        let deleted = await api.call("DELETE", "\(base)/\(id)")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(await api.call("GET", "\(base)/\(id)").status == 404)
    }

    @Test(arguments: ResourceKind.allCases)
    func statusTransitionsFollowTheLifecycle(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        let id = try #require(await api.call("POST", base, json: sampleBody(kind, name: "life")).json["id"]?.intValue)
        for target in ["running", "paused", "running", "stopped"] {
            let response = await api.call("PUT", "\(base)/\(id)", json: ["status": .string(target)])
            #expect(response.status == 200)
            #expect(response.json["status"] == .string(target))
            #expect(await api.call("GET", "\(base)/\(id)").json["status"] == .string(target))
        }
        let impossible = await api.call("PUT", "\(base)/\(id)", json: ["status": "paused"])
        #expect(impossible.status == 409)
        #expect(impossible.problemCode == "invalid_transition")
    }

    @Test(arguments: ResourceKind.allCases)
    func putOfTheCurrentStateIsANoOp(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        let created = await api.call("POST", base, json: sampleBody(kind, name: "steady", extra: ["status": "running"]))
        let id = try #require(created.json["id"]?.intValue)
        #expect(created.json["status"] == "running")
        // The whole resource PUT back unchanged, read-only members included.
        let same = await api.call("PUT", "\(base)/\(id)", json: created.json)
        #expect(same.status == 200)
        #expect(same.json == created.json)
        let status = await api.call("PUT", "\(base)/\(id)", json: ["status": "running"])
        #expect(status.status == 200)
    }

    @Test(arguments: ResourceKind.allCases)
    func deleteRunningResourceNeedsForce(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        let id = try #require(await api.call("POST", base, json: sampleBody(kind, name: "busy", extra: ["status": "running"]))
            .json["id"]?.intValue)
        let refused = await api.call("DELETE", "\(base)/\(id)")
        #expect(refused.status == 409)
        #expect(refused.problemCode == "resource_running")
        #expect(refused.json["detail"]?.stringValue?.contains("?force=true") == true)
        #expect(await api.call("GET", "\(base)/\(id)").json["status"] == "running")
        #expect(await api.call("DELETE", "\(base)/\(id)?force=true").status == 204)
        #expect(await api.call("GET", "\(base)/\(id)").status == 404)
    }

    @Test(arguments: ResourceKind.allCases)
    func unknownIdIsNotFoundForEveryMethod(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        for (method, json) in [("GET", nil), ("PUT", ["status": "running"] as JSONValue), ("DELETE", nil)] {
            let response = await api.call(method, "\(base)/424242", json: json)
            #expect(response.status == 404)
            #expect(response.problemCode == "not_found")
            #expect(response.header("Content-Type") == "application/problem+json")
        }
        #expect(await api.call("GET", "\(base)/abc").status == 404)
    }

    @Test func idsAreLowestFreeFromOneHundredAndUniqueAcrossKinds() async throws {
        let api = try APIHarness(settings: { _ in FixtureSettings() })
        var ids: [Int] = []
        for kind in ResourceKind.allCases {
            ids.append(try #require(await api.call("POST", "/api/v1/\(kind.rawValue)", json: sampleBody(kind, name: "n1"))
                .json["id"]?.intValue))
        }
        #expect(ids == [100, 101, 102])
        #expect(await api.call("DELETE", "/api/v1/vms/101").status == 204)
        let reused = await api.call("POST", "/api/v1/services", json: sampleBody(.services, name: "n2"))
        #expect(reused.json["id"] == 101)
    }

    @Test func clientChosenIdIsKeptAndATakenIdConflicts() async throws {
        let api = try APIHarness()
        let chosen = await api.call("POST", "/api/v1/vms", json: sampleBody(.vms, name: "chosen", extra: ["id": 4242]))
        #expect(chosen.status == 201)
        #expect(chosen.json["id"] == 4242)
        let before = await api.list(.containers)
        // 950 is a container; ids are unique across kinds.
        let taken = await api.call("POST", "/api/v1/containers", json: sampleBody(.containers, name: "dup", extra: ["id": 950]))
        #expect(taken.status == 409)
        #expect(taken.problemCode == "conflict")
        #expect(await api.list(.containers) == before)
        let takenAcross = await api.call("POST", "/api/v1/services", json: sampleBody(.services, name: "dup", extra: ["id": 4242]))
        #expect(takenAcross.status == 409)
    }

    @Test func takenNameConflictsAndCreatesNothing() async throws {
        let api = try APIHarness()
        let before = await api.list(.containers)
        let response = await api.call("POST", "/api/v1/containers", json: sampleBody(.containers, name: "vllm-granite-embed-r2"))
        #expect(response.status == 409)
        #expect(await api.list(.containers) == before)
        // The id reserved for the failed create is free again.
        let next = await api.call("POST", "/api/v1/containers", json: sampleBody(.containers, name: "fresh"))
        #expect(next.json["id"] == 100)
    }

    @Test func resourcesAppearingOrVanishingInTheBackendAreDiscovered() async throws {
        let api = try APIHarness()
        let driver = try #require(api.drivers[.containers])
        let handle = try await driver.insertExternal(name: "made-by-hand")
        let listed = try #require(await api.list(.containers).arrayValue)
        let external = try #require(listed.first { $0["name"] == "made-by-hand" })
        let id = try #require(external["id"]?.intValue)
        #expect(id >= 100)
        #expect(await api.call("GET", "/api/v1/containers/\(id)").json["name"] == "made-by-hand")
        try await driver.removeExternal(handle: handle)
        #expect(await api.call("GET", "/api/v1/containers/\(id)").status == 404)
        #expect(await api.list(.containers).arrayValue?.count == 2)
    }

    @Test func kindSwitchedOffAnswersNotServed() async throws {
        let api = try APIHarness(served: [.containers])
        let response = await api.call("GET", "/api/v1/vms")
        #expect(response.status == 404)
        #expect(response.problemCode == "kind_not_served")
        #expect(await api.call("GET", "/api/v1/containers").status == 200)
    }

    @Test func undeclaredActionIsUnsupported() async throws {
        let api = try APIHarness(settings: { _ in FixtureSettings(actions: [.start, .stop]) })
        let id = try #require(await api.call("POST", "/api/v1/vms", json: sampleBody(.vms, name: "nopause", extra: ["status": "running"]))
            .json["id"]?.intValue)
        let response = await api.call("PUT", "/api/v1/vms/\(id)", json: ["status": "paused"])
        #expect(response.status == 501)
        #expect(response.problemCode == "unsupported")
        #expect(await api.call("GET", "/api/v1/vms/\(id)").json["status"] == "running")
    }

    @Test func backendFailuresBecomeProblemsWithoutInternals() async throws {
        let api = try APIHarness(settings: { _ in FixtureSettings(failures: [.list: .backendUnavailable, .create: .internalError]) })
        let list = await api.call("GET", "/api/v1/containers")
        #expect(list.status == 503)
        #expect(list.problemCode == "backend_unavailable")
        let create = await api.call("POST", "/api/v1/containers", json: sampleBody(.containers, name: "x"))
        #expect(create.status == 500)
    }
}
