@testable import PhoenixCore
import Testing

@Suite struct JSONWriterOutputTests {
    @Test(arguments: [(0, "0"), (7, "7"), (-7, "-7"), (950, "950"), (1_000_000, "1000000"),
                      (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808")])
    func integersAreWrittenInDecimal(number: Int, text: String) {
        #expect(JSONWriter().string(.int(number)) == text)
    }

    @Test func everyControlCharacterQuoteAndBackslashIsEscapedAndTheRestCopied() throws {
        let original = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self) + "é🙂 end"
        let text = JSONWriter().string(.string(original))
        #expect(text.hasPrefix(#""\u0000\u0001"#))
        #expect(text.contains(#"\t\n\u000b\u000c\r"#))
        #expect(text.contains(##" !\"#$"##) && text.contains(#"[\\]"#))
        #expect(text.hasSuffix("é🙂 end\""))
        #expect(try JSONValue.parse(text) == .string(original))
    }

    @Test func resourceKeysComeFirstThenTheRestSortedAtEveryLevel() {
        let value: JSONValue = [["zeta": 1, "status": "running", "alpha": [true, nil, 1.5], "id": 950,
                                 "name": "n", "nested": ["b": 1, "id": 2, "a": ""]], [:], []]
        #expect(JSONWriter().string(value)
                == #"[{"id":950,"name":"n","status":"running","alpha":[true,null,1.5],"nested":{"id":2,"a":"","b":1},"zeta":1},{},[]]"#)
    }

    @Test func customKeyOrderSkipsAbsentKeys() {
        let text = JSONWriter(keyOrder: ["type", "title", "status"]).string(["status": 404, "code": "x", "type": "t"])
        #expect(text == #"{"type":"t","status":404,"code":"x"}"#)
    }
}

@Suite struct RouteParsingTests {
    @Test(arguments: [
        ("/healthz", Route.health), ("/healthz/", .health), ("/healthz//", .health),
        ("/api/v1/containers", .collection(.containers)), ("/api/v1/vms/", .collection(.vms)),
        ("/api/v1/services/101", .item(.services, id: 101)), ("/api/v1/vms/101/", .item(.vms, id: 101)),
        ("/api/v1/vms/0", .item(.vms, id: nil)), ("/api/v1/vms/-3", .item(.vms, id: nil)),
        ("/api/v1/vms/abc", .item(.vms, id: nil)), ("/api/v1/vms/", .collection(.vms)),
        ("/api/v1/keys", .keys), ("/api/v1/keys/4", .key(id: 4)), ("/api/v1/keys/x", .key(id: nil)),
        ("/api/v1/dockers", .unknownKind("dockers")), ("/api/v1/dockers/1", .unknownKind("dockers")),
        ("/api/v1//1", .unknownKind("")), ("/api/v1/vms/1/2", .notFound), ("/api/v1", .notFound),
        ("/api/v1/", .notFound), ("/api/v2/vms", .notFound), ("/", .notFound), ("", .notFound),
        ("/api/v1/vmsé", .unknownKind("vmsé")), ("/API/v1/vms", .notFound),
    ])
    func pathsMapToRoutes(path: String, route: Route) {
        #expect(Route(path: path) == route)
    }
}

@Suite struct ResourceArrayTests {
    @Test func listBytesEqualTheGeneralWriterOnTheResourceObjects() {
        let resources: [(id: Int, resource: DriverResource)] = [
            (950, DriverResource(handle: "h1", name: "vllm-qwen2.5-7b-awq", status: .running,
                                 fields: ["memory_mb": 32768, "cpus": 8, "template": "debian-12-ai"])),
            (7, DriverResource(handle: "h2", id: 7, name: "x\"y", status: .stopped,
                               fields: ["id": 1, "name": "shadowed", "status": "shadowed", "disks": [["size_gb": 200]],
                                        "note": "tab\there\u{1}", "ratio": 1.5, "none": nil, "on": true])),
            (8, DriverResource(handle: "h3", name: "bare", status: .unknown)),
        ]
        let general = JSONWriter().bytes(.array(resources.map { $0.resource.json(id: $0.id) }))
        #expect(JSONWriter.resourceArray(resources) == general)
        #expect(JSONWriter.resourceArray([]) == Array("[]".utf8))
    }
}

@Suite struct HeaderParsingTests {
    @Test(arguments: [("Bearer phx_1", "phx_1"), ("bearer phx_1", "phx_1"), ("BEARER phx_1", "phx_1"),
                      ("Bearer  phx_1", " phx_1"), ("Bearerphx_1", nil), ("Bearer", nil), ("Basic phx_1", nil),
                      ("Bearez phx_1", nil), ("Bear phx_1", nil), ("Béarer phx_1", nil)] as [(String, String?)])
    func bearerTokenIsTheTextAfterTheSchemeAndOneSpace(header: String, token: String?) {
        #expect(Router.bearerToken(header) == token)
    }

    @Test func headerNamesMatchIgnoringASCIICaseOnly() {
        let request = HTTPRequest(method: "GET", path: "/", headers: [("X-Ä", "1"), ("content-TYPE", "a/b"), ("Content-Type", "c/d")])
        #expect(request.header("Content-Type") == "a/b")
        #expect(request.header("CONTENT-type") == "a/b")
        #expect(request.header("Content-Typ") == nil)
        #expect(request.header("x-ä") == nil)
        #expect(request.header("X-Ä") == "1")
        #expect(request.header("Content_Type") == nil)
    }
}
