import PhoenixCore
import Testing

@Suite("Bad input gets a clear problem and changes nothing")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var label: String
        var body: String
        var status: Int
        var code: String
        var field: String?
        var description: String { label }
    }

    static let createCases: [Case] = [
        Case(label: "malformed JSON", body: #"{"name": "x""#, status: 400, code: "invalid_json"),
        Case(label: "not an object", body: #"["x"]"#, status: 400, code: "invalid_field", field: "$"),
        Case(label: "missing name", body: #"{"memory_mb": 64}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "path traversal name", body: #"{"name": "../etc"}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "slash in name", body: #"{"name": "a/b"}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "newline in name", body: #"{"name": "a\nb"}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "upper-case name", body: #"{"name": "Web"}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "name too long", body: #"{"name": "\#(String(repeating: "a", count: 64))"}"#, status: 400,
             code: "invalid_field", field: "name"),
        Case(label: "unknown field", body: #"{"name": "ok", "colour": "red"}"#, status: 400, code: "invalid_field", field: "colour"),
        Case(label: "wrong type", body: #"{"name": "ok", "memory_mb": "lots"}"#, status: 400, code: "invalid_field", field: "memory_mb"),
        Case(label: "fraction", body: #"{"name": "ok", "cpus": 1.5}"#, status: 400, code: "invalid_field", field: "cpus"),
        Case(label: "out of range", body: #"{"name": "ok", "memory_mb": 1}"#, status: 400, code: "invalid_field", field: "memory_mb"),
        Case(label: "status paused at create", body: #"{"name": "ok", "status": "paused"}"#, status: 400,
             code: "invalid_field", field: "status"),
        Case(label: "negative id", body: #"{"name": "ok", "id": -4}"#, status: 400, code: "invalid_field", field: "id"),
        Case(label: "string id", body: #"{"name": "ok", "id": "950"}"#, status: 400, code: "invalid_field", field: "id"),
        Case(label: "bad template name", body: #"{"name": "ok", "template": "../../x"}"#, status: 400,
             code: "invalid_field", field: "template"),
    ]

    @Test(arguments: createCases)
    func badCreateIsRejectedAndNothingChanges(_ bad: Case) async throws {
        let api = try APIHarness()
        let before = await api.list(.containers)
        let response = await api.call("POST", "/api/v1/containers", body: bad.body)
        #expect(response.status == bad.status)
        #expect(response.problemCode == bad.code)
        #expect(response.json["field"]?.stringValue == bad.field)
        #expect(response.json["status"]?.intValue == bad.status)
        #expect(response.json["type"]?.stringValue?.isEmpty == false)
        #expect(response.json["title"]?.stringValue?.isEmpty == false)
        #expect(response.json["detail"]?.stringValue?.isEmpty == false)
        #expect(await api.list(.containers) == before)
    }

    static let updateCases: [Case] = [
        Case(label: "unknown field", body: #"{"colour": "red"}"#, status: 400, code: "invalid_field", field: "colour"),
        Case(label: "bad status", body: #"{"status": "sleeping"}"#, status: 400, code: "invalid_field", field: "status"),
        Case(label: "transitional status", body: #"{"status": "starting"}"#, status: 400, code: "invalid_field", field: "status"),
        Case(label: "changed id", body: #"{"id": 1}"#, status: 400, code: "invalid_field", field: "id"),
        Case(label: "create-only field", body: #"{"template": "other"}"#, status: 400, code: "invalid_field", field: "template"),
        Case(label: "bad name", body: #"{"name": "x y"}"#, status: 400, code: "invalid_field", field: "name"),
        Case(label: "name taken", body: #"{"name": "vllm-granite-embed-r2"}"#, status: 409, code: "conflict", field: "name"),
        Case(label: "wrong type with valid status", body: #"{"status": "stopped", "cpus": true}"#, status: 400,
             code: "invalid_field", field: "cpus"),
        Case(label: "malformed", body: "{", status: 400, code: "invalid_json"),
    ]

    @Test(arguments: updateCases)
    func badUpdateIsRejectedAndNothingChanges(_ bad: Case) async throws {
        let api = try APIHarness()
        let before = await api.list(.containers)
        let response = await api.call("PUT", "/api/v1/containers/950", body: bad.body)
        #expect(response.status == bad.status)
        #expect(response.problemCode == bad.code)
        #expect(response.json["field"]?.stringValue == bad.field)
        #expect(await api.list(.containers) == before)
    }

    @Test func nonJSONMediaTypeIsUnsupported() async throws {
        let api = try APIHarness()
        let response = await api.call("POST", "/api/v1/containers", body: "name=x",
                                      headers: [("Authorization", "Bearer \(api.writeKey)"), ("Content-Type", "text/plain")])
        #expect(response.status == 415)
        #expect(response.problemCode == "unsupported_media_type")
        #expect(response.json["detail"]?.stringValue?.contains("Content-Type: application/json") == true)
    }

    @Test func emptyBodyIsRejected() async throws {
        let api = try APIHarness()
        let response = await api.call("POST", "/api/v1/vms")
        #expect(response.status == 400)
    }

    @Test func wrongMethodAnswersAllow() async throws {
        let api = try APIHarness()
        let collection = await api.call("DELETE", "/api/v1/containers")
        #expect(collection.status == 405)
        #expect(collection.header("Allow") == "GET, POST")
        let item = await api.call("POST", "/api/v1/containers/950")
        #expect(item.status == 405)
        #expect(item.header("Allow") == "GET, PUT, DELETE")
    }

    @Test func unknownPathsAreNotFound() async throws {
        let api = try APIHarness()
        #expect(await api.call("GET", "/api/v1/widgets").status == 404)
        #expect(await api.call("GET", "/api/v2/containers").status == 404)
        #expect(await api.call("GET", "/api/v1/containers/950/extra").status == 404)
    }

    @Test func badForceValueIsRejected() async throws {
        let api = try APIHarness()
        let response = await api.call("DELETE", "/api/v1/containers/950?force=maybe")
        #expect(response.status == 400)
        #expect(response.json["field"] == "force")
        #expect(await api.call("GET", "/api/v1/containers/950").status == 200)
    }
}
