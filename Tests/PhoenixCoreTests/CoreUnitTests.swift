import FixtureDriver
import PhoenixCore
import Testing

@Suite struct JSONTests {
    @Test func integersStayIntegersAndBooleansStayBooleans() throws {
        let value = try JSONValue.parse(#"{"a": 1, "b": 1.5, "c": true, "d": null, "e": "x\n", "f": [1, "2"]}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.5))
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .null)
        #expect(value["e"] == .string("x\n"))
        #expect(value["f"] == [1, "2"])
    }

    @Test func writerEscapesAndOrdersResourceKeys() throws {
        let text = JSONWriter().string(["status": "running", "zeta": "a\"b\\c\u{1}", "id": 1, "name": "n"])
        #expect(text == #"{"id":1,"name":"n","status":"running","zeta":"a\"b\\c\u0001"}"#)
        #expect(try JSONValue.parse(text)["zeta"] == "a\"b\\c\u{1}")
    }

    @Test(arguments: ["", "{", "[1,]", "nul", "{\"a\" 1}"])
    func malformedJSONIsRejected(text: String) {
        #expect(throws: PhoenixError.self) { try JSONValue.parse(text) }
    }
}

@Suite struct NameRuleTests {
    @Test(arguments: ["a", "vllm-qwen2.5-7b-awq", "950", String(repeating: "x", count: 63)])
    func validNames(name: String) { #expect(NameRule.isValid(name)) }

    @Test(arguments: ["", "-a", ".a", "A", "a/b", "../x", "a..b", "a b", "a\nb", "é", String(repeating: "x", count: 64), "a_b"])
    func invalidNames(name: String) { #expect(!NameRule.isValid(name)) }
}

@Suite struct LifecycleTests {
    @Test func actionsBetweenStatuses() throws {
        #expect(try LifecycleAction.needed(from: .stopped, to: .running) == .start)
        #expect(try LifecycleAction.needed(from: .running, to: .stopped) == .stop)
        #expect(try LifecycleAction.needed(from: .paused, to: .stopped) == .stop)
        #expect(try LifecycleAction.needed(from: .running, to: .paused) == .pause)
        #expect(try LifecycleAction.needed(from: .paused, to: .running) == .resume)
        #expect(try LifecycleAction.needed(from: .running, to: .running) == nil)
        #expect(throws: PhoenixError.self) { try LifecycleAction.needed(from: .stopped, to: .paused) }
    }
}

@Suite struct ConfigTests {
    let registry = DriverRegistry([FixtureDriver.factory])
    let base = PhoenixConfig(stateDirectory: "/tmp/x", defaultSelections: [.containers: DriverSelection(driver: "fixture")])

    @Test func validConfigIsLoaded() {
        let text = #"""
        {"listen": "127.0.0.1:9090", "state_dir": "/var/lib/phoenix",
         "kinds": {"vms": {"driver": "fixture", "options": {"latency_ms": 5}}, "services": {"driver": "none"}},
         "limits": {"max_body_bytes": 2048}}
        """#
        let (config, issues) = ConfigLoader(registry: registry).load(text, over: base)
        #expect(issues.isEmpty)
        #expect(config.listen == "127.0.0.1:9090")
        #expect(config.stateDirectory == "/var/lib/phoenix")
        #expect(config.maxBodyBytes == 2048)
        #expect(config.selection(for: .vms).options["latency_ms"] == 5)
        #expect(config.selection(for: .services).driver == "none")
        #expect(config.selection(for: .containers).driver == "fixture")
    }

    @Test func everyIssueIsReportedWithItsPath() {
        let text = #"""
        {"listen": "everywhere", "colour": 1,
         "kinds": {"vms": {"driver": "vmware"}, "gpus": {"driver": "fixture"}, "containers": {"options": {}}},
         "limits": {"threads": 0}}
        """#
        let (_, issues) = ConfigLoader(registry: registry).load(text, over: base)
        let paths = Set(issues.map(\.path))
        #expect(paths == ["listen", "colour", "kinds.vms.driver", "kinds.gpus", "kinds.containers.driver", "limits.threads"])
        let unknownDriver = issues.first { $0.path == "kinds.vms.driver" }
        #expect(unknownDriver?.message.contains("fixture") == true)
    }

    @Test func unknownDriverFailsStartupNamingTheAvailableOnes() async {
        var config = base
        config.kinds[.vms] = DriverSelection(driver: "hyperv")
        await #expect(throws: PhoenixError.self) { _ = try await registry.makeDrivers(for: config) }
    }

    @Test func badDriverOptionNamesItsPath() async throws {
        var config = base
        config.kinds[.vms] = DriverSelection(driver: "fixture", options: ["latency": 5])
        do {
            _ = try await registry.makeDrivers(for: config)
            Issue.record("expected an error")
        } catch let error as PhoenixError {
            #expect(error.code == .invalidConfig)
            #expect(error.field == "kinds.vms.options.latency")
        }
    }

    @Test(arguments: [("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:80", "::1", 80), ("localhost:1", "127.0.0.1", 1)])
    func listenAddresses(text: String, host: String, port: Int) throws {
        let address = try #require(ListenAddress(text))
        #expect(address.host == host)
        #expect(address.port == port)
    }
}

@Suite struct StrictJSONTests {
    @Test(arguments: ["{\"a\":1,}", "[01]", "{\"a\":1,\"a\":2}", "\"\u{1}\"", "// c\n1", "[1 2]", "{'a':1}", "1e999", "\"\\x\""])
    func nonStandardJSONIsRejected(text: String) {
        #expect(throws: PhoenixError.self) { try JSONValue.parse(text) }
    }

    @Test func escapesAndUnicodeDecode() throws {
        #expect(try JSONValue.parse(#""\u00e9\ud83d\ude00\n\/""#) == .string("é😀\n/"))
        #expect(try JSONValue.parse("  -12 ") == .int(-12))
        #expect(try JSONValue.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSONValue.parse("1.5e3") == .double(1500))
    }
}
