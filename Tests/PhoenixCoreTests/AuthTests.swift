import PhoenixCore
import Testing

@Suite("Bearer keys and scopes")
struct AuthTests {
    @Test func missingKeyIsUnauthorizedWithChallenge() async throws {
        let api = try APIHarness()
        let response = await api.call("GET", "/api/v1/containers", headers: [])
        #expect(response.status == 401)
        #expect(response.problemCode == "unauthorized")
        #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
    }

    @Test(arguments: ["Bearer phx_nope", "Basic dXNlcjpwYXNz", "Bearer", "phx_x"])
    func unknownOrMalformedKeyIsUnauthorized(header: String) async throws {
        let api = try APIHarness()
        let response = await api.call("GET", "/api/v1/vms", headers: [("Authorization", header)])
        #expect(response.status == 401)
    }

    @Test(arguments: ResourceKind.allCases)
    func readKeyCanReadButNotWrite(kind: ResourceKind) async throws {
        let api = try APIHarness()
        let base = "/api/v1/\(kind.rawValue)"
        #expect(await api.call("GET", base, key: api.readKey).status == 200)
        let before = await api.list(kind)
        let post = await api.call("POST", base, json: sampleBody(kind, name: "nope"), key: api.readKey)
        #expect(post.status == 403)
        #expect(post.problemCode == "forbidden")
        let id = try #require(before.arrayValue?.first?["id"]?.intValue)
        #expect(await api.call("PUT", "\(base)/\(id)", json: ["status": "stopped"], key: api.readKey).status == 403)
        #expect(await api.call("DELETE", "\(base)/\(id)?force=true", key: api.readKey).status == 403)
        #expect(await api.list(kind) == before)
    }

    @Test func unauthenticatedWriteChangesNothing() async throws {
        let api = try APIHarness()
        let before = await api.list(.containers)
        let response = await api.call("DELETE", "/api/v1/containers/950?force=true", headers: [])
        #expect(response.status == 401)
        #expect(await api.list(.containers) == before)
    }

    @Test func revokedKeyStopsWorking() async throws {
        let api = try APIHarness()
        let created = await api.call("POST", "/api/v1/keys", json: ["name": "ci", "scope": "write"], key: api.adminKey)
        #expect(created.status == 201)
        let secret = try #require(created.json["key"]?.stringValue)
        let id = try #require(created.json["id"]?.intValue)
        #expect(await api.call("GET", "/api/v1/containers", key: secret).status == 200)
        #expect(await api.call("DELETE", "/api/v1/keys/\(id)", key: api.adminKey).status == 204)
        #expect(await api.call("GET", "/api/v1/containers", key: secret).status == 401)
    }

    @Test func keyManagementNeedsAdmin() async throws {
        let api = try APIHarness()
        #expect(await api.call("GET", "/api/v1/keys", key: api.writeKey).status == 403)
        let listed = await api.call("GET", "/api/v1/keys", key: api.adminKey)
        #expect(listed.status == 200)
        let names = listed.json.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["admin", "writer", "reader"])
        #expect(!listed.text.contains(api.adminKey))
    }

    @Test func healthNeedsNoKey() async throws {
        let api = try APIHarness()
        let response = await api.call("GET", "/healthz", headers: [])
        #expect(response.status == 200)
        #expect(response.json["status"] == "ok")
    }

    @Test func mutationsAreAudited() async throws {
        let api = try APIHarness()
        _ = await api.call("PUT", "/api/v1/containers/950", json: ["status": "stopped"])
        _ = await api.call("DELETE", "/api/v1/containers/951", headers: [])
        _ = await api.call("GET", "/api/v1/containers")
        let entries = try api.store.auditEntries(limit: 10)
        #expect(entries.count == 2)
        #expect(entries.contains { $0.method == "PUT" && $0.path == "/api/v1/containers/950" && $0.status == 200 && $0.keyID != nil })
        #expect(entries.contains { $0.method == "DELETE" && $0.status == 401 && $0.keyID == nil })
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
